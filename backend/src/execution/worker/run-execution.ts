// The job processor: runs one execution, at least once per job delivery, with exactly one effect.
// BullMQ may deliver a job twice (a worker presumed dead, a job enqueued again); PostgreSQL decides
// what counts: an execution is claimed as a numbered attempt, and an attempt's outcome is written only
// while it still owns the execution (see load-execution.ts and record-outcome.ts).
//
//   load ─ finished? → done (nothing to do)
//     │   bad config, no driver, unreadable secrets → failed BAD_CONFIG
//     ├─ deterministic and cached → claim → succeeded (cached), charged and receipted as a run
//     ├─ agent or user at its concurrency limit → the job is delayed, not failed
//     ├─ claim: running as attempt n, the fee's upper bound reserved → payment not covered: failed PAYMENT_REQUIRED
//     ├─ GPU lease (when the config asks for GPUs) → driver run, aborted on cancellation or lease loss
//     └─ outcome in one statement: succeeded + charge + receipt | failed/timed_out (no charge, no retry)
//        | back to queued, rethrown so BullMQ retries with backoff (failed once attempts run out)
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Pool } from 'pg';
import type { SecretsKey } from '../../secrets/secrets-key.ts';
import { decryptSecrets } from '../../secrets/decrypt-secrets.ts';
import type { Logger } from '../../service/logger.ts';
import { type AgentExecutionConfig, type ExecutionDriver, MAX_LOG_BYTES, type RunRequest, type RunResult, tailLogs } from '../gpu/driver.ts';
import { type ExecutionJobData, type ExecutionJobResult, isExecutionId } from '../queue/execution-job.ts';
import type { ConcurrencyLimiter, ConcurrencyScope } from './concurrency-limiter.ts';
import type { CachedOutput, ExecutionCache } from './execution-cache.ts';
import { executionCostWei, feeUpperBoundWei, type MaxGpuCostWei } from './execution-cost.ts';
import { type GpuAllocator, type GpuLease, needsGpu } from './gpu-allocator.ts';
import type { ExecutionStatements } from './execution-statements.ts';
import { type LoadedExecution, parseExecutionConfig, TERMINAL_STATUSES } from './load-execution.ts';
import { canonicalOutput, storableText } from './output-hash.ts';
import { failOpenExecution, recordFailure } from './record-outcome.ts';

export type RunExecutionDeps = {
  db: Pool;
  /** A driver per runtime this worker serves. */
  drivers: Partial<Record<AgentExecutionConfig['runtime'], ExecutionDriver>>;
  gpu: GpuAllocator;
  /** The most a GPU lease can cost: prices the fee's upper bound reserved before a GPU run. */
  maxGpuCostWei: MaxGpuCostWei;
  /** The keyring that opens agents' sealed secrets. */
  secretsKey: SecretsKey | readonly SecretsKey[];
  /** This orchestrator's address: the receipts' issuer, whose payment channels are charged. */
  orchestrator: `0x${string}`;
  cache: ExecutionCache;
  limiter: ConcurrencyLimiter;
  /** The load, claim and success statements (group-committed by the worker: execution-statements.ts). */
  statements: ExecutionStatements;
  logger: Logger;
  /** Milliseconds since the epoch (default Date.now): when a delayed job is due. */
  clock?: () => number;
  /** Executions of one user running at once, across workers (default 16). */
  maxConcurrentPerUser?: number;
  /** How long a job waits when its agent or user is at its limit (default 500 ms, ±50% jitter). */
  limitedDelayMs?: number;
  /** Added to the run's timeout when bounding the GPU lease's cost (default 60,000 ms): the lease is
   *  held while the agent starts and after it stops, not only while it runs. */
  gpuLeaseMarginMs?: number;
  /** Logs kept per execution, the tail (default MAX_LOG_BYTES). */
  maxLogChars?: number;
  /** Called after each committed status change (running, then the outcome), e.g. to tell API
   *  subscribers (executions/execution-events.ts). Failures are logged, never fatal. */
  onUpdate?: (executionId: string) => Promise<void>;
};

export const DEFAULT_MAX_CONCURRENT_PER_USER = 16;
export const DEFAULT_LIMITED_DELAY_MS = 500;
export const DEFAULT_GPU_LEASE_MARGIN_MS = 60_000;

/** The job as the processor uses it (a BullMQ Job, or a stand-in in tests). */
export type ExecutionJob = Pick<Job<ExecutionJobData, ExecutionJobResult>, 'id' | 'data' | 'attemptsMade' | 'opts' | 'moveToDelayed'>;

/** Thrown once the execution's failure is recorded: BullMQ must not retry (it is an UnrecoverableError),
 *  and the worker must not record anything else for it. */
export class ExecutionSettledError extends UnrecoverableError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

export async function runExecution(deps: RunExecutionDeps, job: ExecutionJob, token: string | undefined, signal: AbortSignal): Promise<ExecutionJobResult> {
  const { executionId } = job.data;
  if (!isExecutionId(executionId)) throw new UnrecoverableError(`job ${job.id} names no execution (${JSON.stringify(executionId)})`);
  const execution = await deps.statements.load(executionId);
  if (!execution) throw new UnrecoverableError(`execution ${executionId} does not exist`);
  // Finished (or cancelled) already: this is a redelivery, and its effect happened once.
  if (TERMINAL_STATUSES.has(execution.status)) return { outcome: 'skipped' };

  const prepared = prepare(deps, execution);
  if (!prepared.ok) return refuse(deps, executionId, prepared.code, prepared.message);
  const { config, driver, secrets, reserveWei } = prepared;

  const cached = config.deterministic ? await readCache(deps, execution, config) : null;
  // A cached answer runs nothing, so it takes no concurrency slot.
  const scopes: ConcurrencyScope[] = cached
    ? []
    : [deps.limiter.agentScope(execution.agentId, config.maxConcurrent), ...(execution.userId ? [deps.limiter.userScope(execution.userId, deps.maxConcurrentPerUser ?? DEFAULT_MAX_CONCURRENT_PER_USER)] : [])];
  if (!(await deps.limiter.acquire(scopes, executionId))) return delay(deps, job, token);
  const renewal = scopes.length ? setInterval(() => void deps.limiter.renew(scopes, executionId).catch((error: unknown) => deps.logger.warn({ err: error, executionId }, 'could not renew a concurrency lease')), deps.limiter.leaseMs / 3) : undefined;
  try {
    const claim = await deps.statements.claim({ executionId, payer: execution.payer, orchestrator: deps.orchestrator, reserveWei, previousReservedWei: execution.reservedWei });
    if (!claim.claimed) {
      if (claim.reason === 'not_claimable') return { outcome: 'skipped' };
      // Awaited inside try: a rejection returned unawaited would sit unhandled while `finally` runs.
      return await refuse(deps, executionId, 'PAYMENT_REQUIRED', `payer ${execution.payer ?? '(none)'} has not authorized orchestrator ${deps.orchestrator} to charge ${reserveWei} wei more (this execution's upper bound)`);
    }
    const attempt = claim.attempt;
    notify(deps, executionId);
    if (cached) return await succeed(deps, execution, config, attempt, { output: cached, logs: '', gpuMilliseconds: 0, gpuCostWei: 0n, cached: true });

    const { result, gpuMilliseconds, gpuCostWei } = await runAttempt(deps, execution, config, driver, secrets, signal);
    const logs = storableText(tailLogs('', result.logs, deps.maxLogChars ?? MAX_LOG_BYTES));
    if (result.ok) {
      const output = canonicalOutput(result.output);
      if (output.ok) return await succeed(deps, execution, config, attempt, { output, logs, gpuMilliseconds, gpuCostWei, cached: false });
      return await fail(deps, job, execution, attempt, { code: 'MALFORMED_OUTPUT', message: output.message, retryable: false, logs, gpuMilliseconds });
    }
    return await fail(deps, job, execution, attempt, { code: result.code, message: result.message, retryable: result.retryable, logs, gpuMilliseconds });
  } finally {
    clearInterval(renewal);
    await deps.limiter.release(scopes, executionId).catch((error: unknown) => deps.logger.warn({ err: error, executionId }, 'could not release a concurrency lease (it expires by itself)'));
  }
}

type Prepared =
  | { ok: true; config: AgentExecutionConfig; driver: ExecutionDriver; secrets: Readonly<Record<string, string>>; reserveWei: bigint }
  | { ok: false; code: string; message: string };

/** Everything decided from the loaded row alone, before anything is taken (slot, reservation, GPU). */
function prepare(deps: RunExecutionDeps, execution: LoadedExecution): Prepared {
  const parsed = parseExecutionConfig(execution.executionConfig);
  if (!parsed.ok) return { ok: false, code: 'BAD_CONFIG', message: parsed.message };
  const { config } = parsed;
  const driver = deps.drivers[config.runtime];
  if (!driver) return { ok: false, code: 'BAD_CONFIG', message: `this worker runs no ${config.runtime} agents` };
  let secrets: Readonly<Record<string, string>> = {};
  if (execution.encryptedSecrets) {
    try {
      secrets = decryptSecrets(deps.secretsKey, execution.agentId, execution.encryptedSecrets);
    } catch (error) {
      // The reason names the key id or the format, never a secret.
      return { ok: false, code: 'BAD_CONFIG', message: `the agent's secrets cannot be opened: ${(error as Error).message}` };
    }
  }
  const reserveWei = feeUpperBoundWei({
    feeWei: execution.feeWei,
    gpuMultiplierBps: execution.gpuMultiplierBps,
    gpu: config.gpu,
    maxGpuMilliseconds: config.timeoutSeconds * 1000 + (deps.gpuLeaseMarginMs ?? DEFAULT_GPU_LEASE_MARGIN_MS),
    maxGpuCostWei: deps.maxGpuCostWei,
  });
  // A charge is settled by a receipt naming the agent's on-chain id: without one, nothing may be charged.
  if (reserveWei > 0n && execution.onchainAgentId === null) return { ok: false, code: 'NOT_REGISTERED', message: 'the agent has no on-chain id, so its fee cannot be settled' };
  return { ok: true, config, driver, secrets, reserveWei };
}

async function readCache(deps: RunExecutionDeps, execution: LoadedExecution, config: AgentExecutionConfig): Promise<CachedOutput | null> {
  try {
    return await deps.cache.get(execution.agentId, config, execution.inputHash);
  } catch (error) {
    deps.logger.warn({ err: error, executionId: execution.id }, 'execution cache unavailable; running the agent');
    return null;
  }
}

async function delay(deps: RunExecutionDeps, job: ExecutionJob, token: string | undefined): Promise<never> {
  if (token === undefined) throw new Error('the agent or user is at its concurrency limit');
  const base = deps.limitedDelayMs ?? DEFAULT_LIMITED_DELAY_MS;
  // Jittered, so jobs held back together do not all come back together.
  await job.moveToDelayed((deps.clock ?? Date.now)() + Math.round(base * (0.5 + Math.random())), token);
  throw new DelayedError();
}

async function runAttempt(
  deps: RunExecutionDeps,
  execution: LoadedExecution,
  config: AgentExecutionConfig,
  driver: ExecutionDriver,
  secrets: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<{ result: RunResult; gpuMilliseconds: number; gpuCostWei: bigint }> {
  const noGpu = { gpuMilliseconds: 0, gpuCostWei: 0n };
  if (!needsGpu(config.gpu)) return { result: await driver.run(runRequest(execution, config, secrets, null, signal)), ...noGpu };
  let lease: GpuLease;
  try {
    lease = await deps.gpu.acquire(execution.id, config.gpu, execution.priority, signal);
  } catch (error) {
    const now = new Date();
    // No GPU of this orchestrator could ever fit the requirement: waiting or retrying cannot help.
    const unsatisfiable = (error as { code?: string }).code === 'UNSATISFIABLE_REQUIREMENT';
    const code = signal.aborted ? 'CANCELLED' : unsatisfiable ? 'BAD_CONFIG' : 'UNAVAILABLE';
    return { result: { ok: false, code, message: `no GPU lease: ${(error as Error).message}`, retryable: !unsatisfiable, logs: '', startedAt: now, finishedAt: now }, ...noGpu };
  }
  const release = () =>
    lease.release().catch((error: unknown) => {
      // The run is over either way; without the manager's meter its GPU time goes unbilled.
      deps.logger.error({ err: error, executionId: execution.id }, 'could not release a GPU lease; its GPU time is not charged');
      return { gpuMilliseconds: 0, costWei: 0n };
    });
  let result: RunResult;
  try {
    result = await driver.run(runRequest(execution, config, secrets, lease, AbortSignal.any([signal, lease.signal])));
  } catch (error) {
    // A driver that throws must not strand the GPUs.
    await release();
    throw error;
  }
  const usage = await release();
  return { result, gpuMilliseconds: usage.gpuMilliseconds, gpuCostWei: usage.costWei };
}

function runRequest(execution: LoadedExecution, config: AgentExecutionConfig, secrets: Readonly<Record<string, string>>, lease: GpuLease | null, signal: AbortSignal): RunRequest {
  return { executionId: execution.id, agentId: execution.agentId, input: execution.input, config, secrets, placement: lease?.placement ?? null, signal };
}

type Success = { output: CachedOutput; logs: string; gpuMilliseconds: number; gpuCostWei: bigint; cached: boolean };

async function succeed(deps: RunExecutionDeps, execution: LoadedExecution, config: AgentExecutionConfig, attempt: number, success: Success): Promise<ExecutionJobResult> {
  const costWei = executionCostWei({ feeWei: execution.feeWei, gpuCostWei: success.gpuCostWei, gpuMultiplierBps: execution.gpuMultiplierBps });
  const recorded = await deps.statements.recordSuccess({
    executionId: execution.id,
    attempt,
    payer: execution.payer,
    onchainAgentId: execution.onchainAgentId,
    outputJson: success.output.json,
    outputHash: success.output.outputHash,
    gpuMilliseconds: success.gpuMilliseconds,
    costWei,
    logs: success.logs,
    cached: success.cached,
  });
  if (!recorded.recorded) return superseded(deps, execution.id, attempt);
  notify(deps, execution.id);
  if (recorded.costWei < costWei) deps.logger.warn({ executionId: execution.id, costWei: costWei.toString(), chargedWei: recorded.costWei.toString() }, 'execution cost more than its reserved bound; charged the bound');
  if (config.deterministic && !success.cached) {
    await deps.cache.set(execution.agentId, config, execution.inputHash, success.output).catch((error: unknown) => deps.logger.warn({ err: error, executionId: execution.id }, 'could not cache a deterministic output'));
  }
  return { outcome: 'succeeded', cached: success.cached };
}

type Failure = { code: string; message: string; retryable: boolean; logs: string; gpuMilliseconds: number };

async function fail(deps: RunExecutionDeps, job: ExecutionJob, execution: LoadedExecution, attempt: number, failure: Failure): Promise<ExecutionJobResult> {
  // BullMQ counts failed attempts in attemptsMade (delays for concurrency do not count).
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const status = failure.code === 'TIMEOUT' ? 'timed_out' : failure.retryable && !lastAttempt ? 'queued' : 'failed';
  const message = storableText(failure.message);
  const recorded = await recordFailure(deps.db, { executionId: execution.id, attempt, payer: execution.payer, status, errorCode: failure.code, message, logs: failure.logs, gpuMilliseconds: failure.gpuMilliseconds });
  // Cancelled meanwhile (the usual reason a run ends CANCELLED), or taken over by a newer attempt.
  if (!recorded) return superseded(deps, execution.id, attempt);
  notify(deps, execution.id);
  if (status === 'queued') throw new Error(`${failure.code}: ${message}`);
  throw new ExecutionSettledError(failure.code, message);
}

async function refuse(deps: RunExecutionDeps, executionId: string, code: string, message: string): Promise<ExecutionJobResult> {
  // Not refused: cancelled or finished meanwhile, by someone else.
  if (!(await failOpenExecution(deps.db, { executionId, errorCode: code, message }))) return { outcome: 'skipped' };
  notify(deps, executionId);
  throw new ExecutionSettledError(code, message);
}

function notify(deps: RunExecutionDeps, executionId: string): void {
  deps.onUpdate?.(executionId).catch((error: unknown) => deps.logger.warn({ err: error, executionId }, 'could not publish an execution update (subscribers see it on their next poll)'));
}

function superseded(deps: RunExecutionDeps, executionId: string, attempt: number): ExecutionJobResult {
  deps.logger.info({ executionId, attempt }, 'the execution was cancelled or taken over during the run; its outcome is dropped');
  return { outcome: 'superseded' };
}
