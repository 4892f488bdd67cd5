// What every GPU driver implements: run one execution of an agent on capacity the GPU manager leased,
// and say how it ended. The worker (queue side) owns retries, charging and storage; a driver only runs,
// meters wall time, and classifies failures as retryable (transient: try again, maybe elsewhere) or not
// (permanent: the agent or its input is at fault, retrying would fail the same way and cost the payer).
import type { z } from 'zod';
import type { executionConfig } from '../../registration/registration-request.ts';

/** An agent's execution config as registered (secrets removed; they arrive decrypted in `secrets`). */
export type AgentExecutionConfig = Omit<z.output<typeof executionConfig>, 'secrets'>;

export type GpuRequirement = { model?: string; count: number; vramGb?: number };

/** Where the GPU manager placed the execution (null for runs that need no GPU). */
export type Placement = {
  /** The node (machine) holding the leased GPUs; drivers that schedule by node use it as a selector. */
  node: string;
  gpuModel: string;
  /** Device indices on that node. */
  gpuIndices: number[];
};

export type RunRequest = {
  executionId: string;
  agentId: string;
  /** The caller's input, already validated as JSON (≤ 32 KiB serialized). */
  input: unknown;
  config: AgentExecutionConfig;
  /** Decrypted agent secrets: handed to the agent (environment or auth header), never logged or returned. */
  secrets: Readonly<Record<string, string>>;
  placement: Placement | null;
  /** Aborted on cancellation, lease loss or preemption; the driver stops the run and frees what it holds. */
  signal: AbortSignal;
};

export type RunErrorCode =
  /** The run exceeded `config.timeoutSeconds`. Not retryable (it would time out again) and never charged. */
  | 'TIMEOUT'
  /** The agent went over its memory limit. Not retryable. */
  | 'MEMORY_LIMIT'
  /** The agent exited non-zero. Not retryable. */
  | 'AGENT_FAILED'
  /** The agent's output is not a JSON document (or is larger than the output limit). Not retryable. */
  | 'MALFORMED_OUTPUT'
  /** The config cannot run on this driver (no command, no image, unknown model...). Not retryable. */
  | 'BAD_CONFIG'
  /** `signal` was aborted. Retryable: the worker decides whether to run it again. */
  | 'CANCELLED'
  /** The backend (cluster, inference server, process spawn) failed or was unreachable. Retryable. */
  | 'UNAVAILABLE';

export type RunResult =
  | { ok: true; output: unknown; logs: string; startedAt: Date; finishedAt: Date }
  | { ok: false; code: RunErrorCode; message: string; retryable: boolean; logs: string; startedAt: Date; finishedAt: Date };

export interface ExecutionDriver {
  readonly runtime: AgentExecutionConfig['runtime'];
  run(request: RunRequest): Promise<RunResult>;
  /** Stops every run in flight and releases the driver's resources. */
  close(): Promise<void>;
}

/** Largest agent output a driver accepts (serialized JSON). */
export const MAX_OUTPUT_BYTES = 1024 * 1024;
/** Logs kept per run (the tail), so a chatty agent cannot fill the database. */
export const MAX_LOG_BYTES = 64 * 1024;

/** Keeps the last `MAX_LOG_BYTES` of a stream of log text. */
export function tailLogs(previous: string, chunk: string, limit = MAX_LOG_BYTES): string {
  const joined = previous + chunk;
  return joined.length <= limit ? joined : joined.slice(joined.length - limit);
}

export const retryable: Record<RunErrorCode, boolean> = {
  TIMEOUT: false,
  MEMORY_LIMIT: false,
  AGENT_FAILED: false,
  MALFORMED_OUTPUT: false,
  BAD_CONFIG: false,
  CANCELLED: true,
  UNAVAILABLE: true,
};
