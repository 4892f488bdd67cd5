// One Lua script per state change, run atomically by Redis. ioredis' defineCommand sends EVALSHA and falls
// back to EVAL once after a NOSCRIPT (a restarted or failed-over Redis), and works inside pipelines. The
// command is defined on first use per connection, so callers just pass whatever client they hold.
import type { Redis } from 'ioredis';
import { scriptKeys } from './keys.ts';
import { LUA_PRELUDE } from './lua-prelude.ts';

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

/** Returns a function running `body` (after the shared prelude) with the fixed keys and `[prefix, ...args]` as ARGV. */
export function defineGpuScript(name: string, body: string): (redis: Redis, prefix: string, args: (string | number)[]) => Promise<unknown> {
  const lua = `${LUA_PRELUDE}\n${body}`;
  const numberOfKeys = scriptKeys('').length;
  return (redis, prefix, args) => {
    const client = redis as unknown as Record<string, ScriptCall | undefined>;
    if (typeof client[name] !== 'function') redis.defineCommand(name, { lua, numberOfKeys });
    return (client[name] as ScriptCall)(...scriptKeys(prefix), prefix, ...args);
  };
}
