// The seam between the API and agent execution. The API records executions as `queued` in groups (those
// written within a few milliseconds: job-group-window.ts) and hands each group to an ExecutionQueue; the
// execution service (queue, workers, GPU orchestration, receipts) implements it. With the database queue,
// executions only stay queued in PostgreSQL.
import type { Pool } from 'pg';
import { cancelExecution, type CancelExecutionReturnType } from '../execution/queue/cancel-execution.ts';
import type { BullmqExecutionQueue } from '../execution/queue/execution-queue-bullmq.ts';

export type QueuedExecution = {
  executionId: string;
  agentId: string;
  onchainAgentId: string | null;
  userId: string;
  inputHash: `0x${string}`;
  /** The fee the agent charges per execution, in wei, as recorded when it was queued. */
  feeWei: string;
};

/** Executions written together, the group's id recorded on each (agent_executions.job_group). */
export type QueuedExecutionGroup = { groupId: string; executions: QueuedExecution[] };

export type ExecutionQueue = {
  enqueue: (group: QueuedExecutionGroup) => Promise<void>;
  /** Cancels an execution that has not finished: in PostgreSQL (which decides), then on the queue's side
   *  (a queued job removed, a running one aborted). Default: the database queue's, PostgreSQL only. */
  cancel?: (db: Pool, executionId: string) => Promise<CancelExecutionReturnType>;
};

// cancelExecution tells the queue side through exactly these two members; without a queue there is no job
// to remove and no worker to abort (nothing runs executions from the database queue).
const noQueueSide = { queue: { remove: async () => 0 }, signalCancel: async () => {} } as unknown as BullmqExecutionQueue;

/** Leaves executions in PostgreSQL (status `queued`). */
export const databaseExecutionQueue: ExecutionQueue & Required<Pick<ExecutionQueue, 'cancel'>> = {
  enqueue: async () => {},
  cancel: (db, executionId) => cancelExecution({ db, queue: noQueueSide }, executionId),
};

/** How long a submit waits for Redis to take the job (then the reconciler adds it later). */
export const DEFAULT_ENQUEUE_TIMEOUT_MS = 2_000;

/** The BullMQ queue as the API's seam: enqueue adds the job named after the group (giving up after
 *  `enqueueTimeoutMs`: BullMQ waits for a Redis that is down instead of failing), cancel removes or aborts it. */
export function bullmqExecutionQueue(queue: BullmqExecutionQueue, options: { enqueueTimeoutMs?: number } = {}): ExecutionQueue & Required<Pick<ExecutionQueue, 'cancel'>> {
  const timeoutMs = options.enqueueTimeoutMs ?? DEFAULT_ENQUEUE_TIMEOUT_MS;
  return {
    async enqueue(group) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          queue.enqueueGroup({ groupId: group.groupId, executionIds: group.executions.map((execution) => execution.executionId) }),
          new Promise((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error(`the execution queue did not take group ${group.groupId} (${group.executions.length} executions) within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel: (db, executionId) => cancelExecution({ db, queue }, executionId),
  };
}
