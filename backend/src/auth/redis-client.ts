// The API's Redis connection, configured for a per-request dependency that must never make a request
// wait: commands issued together go out in one write (auto-pipelining), nothing queues while Redis is
// down (the rate limiter falls back to memory instead), and a slow command gives up after 250 ms.
import { Redis } from 'ioredis';
import type { Logger } from '../service/logger.ts';

export function createRedisClient(url: string, logger: Logger, options: { commandTimeoutMs?: number } = {}): Redis {
  const redis = new Redis(url, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 2_000,
    // Reconnect forever, backing off to every 2 s: Redis coming back restores shared limits.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  // ioredis emits an error per failed reconnect; one line per outage is enough (and an error event
  // without a listener would be printed by ioredis itself).
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error, redis: redactRedisUrl(url) }, 'Redis connection failed; retrying');
  });
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}

/** The URL without its password, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'redacted';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable)';
  }
}
