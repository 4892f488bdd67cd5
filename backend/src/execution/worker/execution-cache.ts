// Outputs of deterministic agents (`deterministic: true`), kept in Redis so the same input to the same
// agent, configured the same way, is answered without running it again. The key names the agent, a
// hash of its execution config (a reconfigured agent is a different function) and the input's hash.
// The cache is an optimization only: when Redis fails, the execution just runs.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AgentExecutionConfig } from '../gpu/driver.ts';
import { canonicalOutput } from './output-hash.ts';

export type CachedOutput = { json: string; outputHash: `0x${string}` };

export type ExecutionCache = {
  get(agentId: string, config: AgentExecutionConfig, inputHash: string): Promise<CachedOutput | null>;
  set(agentId: string, config: AgentExecutionConfig, inputHash: string, output: CachedOutput): Promise<void>;
};

export type ExecutionCacheOptions = {
  prefix: string;
  /** How long an output is kept (default one day). */
  ttlSeconds?: number;
};

export const DEFAULT_CACHE_TTL_SECONDS = 24 * 3600;

export function createExecutionCache(redis: Redis, options: ExecutionCacheOptions): ExecutionCache {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_CACHE_TTL_SECONDS;
  const key = (agentId: string, config: AgentExecutionConfig, inputHash: string) => `${options.prefix}:output:${agentId}:${configHash(config)}:${inputHash}`;
  return {
    async get(agentId, config, inputHash) {
      const value = await redis.get(key(agentId, config, inputHash));
      if (value === null) return null;
      // Stored as "<outputHash> <canonical JSON>"; the hash is checked, so a damaged entry is a miss.
      const outputHash = value.slice(0, 66) as `0x${string}`;
      const json = value.slice(67);
      return canonicalHashMatches(json, outputHash) ? { json, outputHash } : null;
    },
    async set(agentId, config, inputHash, output) {
      await redis.set(key(agentId, config, inputHash), `${output.outputHash} ${output.json}`, 'EX', ttlSeconds);
    },
  };
}

export function configHash(config: AgentExecutionConfig): string {
  const canonical = canonicalOutput(config);
  if (!canonical.ok) throw new Error(`execution config cannot be hashed: ${canonical.message}`);
  return canonical.outputHash.slice(2);
}

function canonicalHashMatches(json: string, outputHash: string): boolean {
  return `0x${createHash('sha256').update(json).digest('hex')}` === outputHash;
}
