// Test support: connections to the real Redis (TEST_REDIS_URL, default 127.0.0.1:6379), a unique key
// prefix per test, and cleanup of every key under it.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { GpuInventory } from './inventory.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function connectTestRedis(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
}

export function uniquePrefix(): string {
  return `cr8test:gpu:${randomBytes(6).toString('hex')}`;
}

export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Redis' clock in ms, what leases are timed with. */
export async function redisNow(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/** A node of `count` identical GPUs with indices 0..count-1. */
export function gpuNode(node: string, count: number, model = 'H100', vramGb = 80, pricePerGpuSecondWei = 1_000n): GpuInventory['nodes'][number] {
  return { node, gpus: Array.from({ length: count }, (_, index) => ({ index, model, vramGb })), pricePerGpuSecondWei };
}
