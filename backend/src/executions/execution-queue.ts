// The seam between the API and agent execution. The API records an execution as `queued` and hands it
// to an ExecutionQueue; the execution service (queue, workers, GPU orchestration, receipts) implements
// it. Until one is configured, executions stay queued in PostgreSQL, where a worker can claim them.
export type QueuedExecution = {
  executionId: string;
  agentId: string;
  onchainAgentId: string | null;
  userId: string;
  inputHash: `0x${string}`;
  /** The fee the agent charges per execution, in wei, as recorded when it was queued. */
  feeWei: string;
};

export type ExecutionQueue = {
  enqueue: (execution: QueuedExecution) => Promise<void>;
};

/** Leaves executions in PostgreSQL (status `queued`) for a worker to pick up. */
export const databaseExecutionQueue: ExecutionQueue = { enqueue: async () => {} };
