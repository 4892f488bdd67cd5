// The API process's executions wiring, from its config: the queue executions go to (BullMQ on Redis, or
// PostgreSQL only), and the Redis pub/sub that carries execution updates to subscriptions. Two Redis
// connections with `bullmq`: commands (jobs, publishing) and one in subscriber mode; none with `database`.
import { createRedisClient } from '../auth/redis-client.ts';
import { createBullmqExecutionQueue } from '../execution/queue/execution-queue-bullmq.ts';
import type { Logger } from '../service/logger.ts';
import { publishExecutionUpdate, subscribeExecutionUpdates } from './execution-events.ts';
import { bullmqExecutionQueue, databaseExecutionQueue } from './execution-queue.ts';
import { handOffSubmittedGroups } from './submit-execution.ts';
import type { ExecutionsModuleDeps } from './executions-module.ts';

export type ExecutionsConfig = {
  EXECUTION_QUEUE: 'bullmq' | 'database';
  EXECUTION_QUEUE_PREFIX: string;
  REDIS_URL: string;
  ORCHESTRATOR_ADDRESS?: `0x${string}` | undefined;
};

export type ApiExecutions = {
  deps: ExecutionsModuleDeps;
  /** Ends every subscription stream (call before the HTTP server closes, so it need not wait for them). */
  endSubscriptions: () => void;
  /** Closes the queue and the Redis connections. */
  close: () => Promise<void>;
};

export function createExecutions(config: ExecutionsConfig, logger: Logger): ApiExecutions {
  const subscriptions = new AbortController();
  const base = { orchestrator: config.ORCHESTRATOR_ADDRESS ?? null, signal: subscriptions.signal };
  if (config.EXECUTION_QUEUE === 'database') {
    return { deps: { ...base, queue: databaseExecutionQueue }, endSubscriptions: () => subscriptions.abort(), close: async () => {} };
  }
  // Commands wait up to 2 s (not the rate limiter's 250 ms): a job add is a Lua script. A submit whose
  // job Redis did not take stays queued in PostgreSQL for the orchestrator's reconciler.
  const redis = createRedisClient(config.REDIS_URL, logger, { commandTimeoutMs: 2_000 });
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {}); // the command connection logs the outage once
  const queue = createBullmqExecutionQueue({ connection: redis, prefix: config.EXECUTION_QUEUE_PREFIX });
  const updates = subscribeExecutionUpdates(subscriber, { prefix: config.EXECUTION_QUEUE_PREFIX });
  const seam = bullmqExecutionQueue(queue);
  return {
    deps: {
      ...base,
      queue: seam,
      updates,
      publish: (executionId) => publishExecutionUpdate(redis, executionId, { prefix: config.EXECUTION_QUEUE_PREFIX }),
    },
    endSubscriptions: () => subscriptions.abort(),
    async close() {
      subscriptions.abort();
      updates.close();
      // The last submits' job groups go now, not at their window's end (the HTTP server is closed by
      // then). A queue still waiting for Redis to come back would wait forever: give it a second.
      let timer: NodeJS.Timeout | undefined;
      const closing = handOffSubmittedGroups(seam).then(() => queue.close());
      await Promise.race([closing.catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
      clearTimeout(timer);
      subscriber.disconnect();
      redis.disconnect();
    },
  };
}
