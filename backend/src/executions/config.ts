// The executions settings of the API's environment, merged into its schema (api/config.ts): where a
// submitted execution goes after it is recorded in PostgreSQL.
import { z } from 'zod';

export const executionsConfigShape = {
  /** `bullmq` (default): one BullMQ job per execution in REDIS_URL's Redis, run by `cr8 orchestrator`'s
   *  worker; `database`: executions only stay `queued` in PostgreSQL (no worker runs them: for an API
   *  without Redis, e.g. a read replica or a demo). */
  EXECUTION_QUEUE: z.enum(['bullmq', 'database']).default('bullmq'),
  /** Prefix of the queue's Redis keys and of the execution update channels; `cr8 orchestrator` must use the same. */
  EXECUTION_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,100}$/, 'letters, digits, :, _ and - (at most 100)').default('cr8'),
};
