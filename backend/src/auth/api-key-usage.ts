// Counts requests per API key without a database write on each request: increments gather in memory
// and one statement writes them all every `flushIntervalMs` (default 1 s) and at shutdown (`stop`). A
// failed write keeps the counts for the next flush. Losing at most one interval's counts in a crash is
// the price of keeping the write off every request's critical path.
import type { Pool } from 'pg';
import type { Logger } from '../service/logger.ts';

export type ApiKeyUsage = {
  /** Counts one request authenticated with the key. */
  record: (apiKeyId: string, at?: Date) => void;
  /** Writes what has gathered (waits for a write already under way first). */
  flush: () => Promise<void>;
  /** Stops the timer and flushes; call at shutdown after the HTTP server has stopped. */
  stop: () => Promise<void>;
};

type Pending = { count: number; lastUsedAt: Date };

export function createApiKeyUsage(deps: { db: Pool; logger: Logger; flushIntervalMs?: number }): ApiKeyUsage {
  const { db, logger } = deps;
  let pending = new Map<string, Pending>();
  let inFlight: Promise<void> = Promise.resolve();

  async function write(batch: Map<string, Pending>): Promise<void> {
    // Sorted ids: two API processes flushing together lock the rows in the same order (no deadlock).
    const entries = [...batch].sort(([a], [b]) => (a < b ? -1 : 1));
    try {
      await db.query({
        name: 'auth-flush-api-key-usage',
        text: `UPDATE api_keys AS k
               SET usage_count = k.usage_count + u.count, last_used_at = GREATEST(k.last_used_at, u.last_used_at)
               FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) AS u (id, count, last_used_at)
               WHERE k.id = u.id`,
        values: [entries.map(([id]) => id), entries.map(([, usage]) => usage.count), entries.map(([, usage]) => usage.lastUsedAt)],
      });
    } catch (error) {
      logger.warn({ err: error, keys: entries.length }, 'writing API key usage failed; retrying with the next flush');
      for (const [id, usage] of entries) merge(id, usage.count, usage.lastUsedAt);
    }
  }

  function merge(id: string, count: number, at: Date): void {
    const current = pending.get(id);
    if (!current) pending.set(id, { count, lastUsedAt: at });
    else {
      current.count += count;
      if (at > current.lastUsedAt) current.lastUsedAt = at;
    }
  }

  function flush(): Promise<void> {
    inFlight = inFlight.then(() => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      return write(batch);
    });
    return inFlight;
  }

  const timer = setInterval(() => void flush(), deps.flushIntervalMs ?? 1_000);
  timer.unref();
  return {
    record: (apiKeyId, at = new Date()) => merge(apiKeyId, 1, at),
    flush,
    stop: async () => {
      clearInterval(timer);
      await flush();
    },
  };
}
