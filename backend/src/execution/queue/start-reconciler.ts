// Runs reconcile-executions.ts once at start and then every `intervalMs`, until stopped. This is what
// keeps "no execution lost" when Redis loses its data (the machine's Redis keeps nothing on disk): the
// executions stay in PostgreSQL, and the next pass gives each open one its job back. A pass that fails
// (Redis or PostgreSQL down) is logged and counted, and the next one tries again.
//
// Metrics (on `metrics`, the service's registry):
//   cr8_execution_reconciler_passes_total{outcome="done|skipped|error"}  passes (skipped: another held the lock)
//   cr8_execution_reconciler_actions_total{action="requeued|resumed|retried|failed"}  what the passes did
//   cr8_execution_reconciler_errors_total  executions whose action failed, plus failed passes
//   cr8_execution_reconciler_open_executions  open executions the last pass looked at
import { setTimeout as sleep } from 'node:timers/promises';
import { Counter, Gauge, type Registry } from 'prom-client';
import { reconcileExecutions, type ReconcileExecutionsParameters, type ReconcileExecutionsReturnType } from './reconcile-executions.ts';

export type ExecutionReconcilerOptions = Omit<ReconcileExecutionsParameters, 'now' | 'staleRunningMs'> & {
  /** Between the end of a pass and the next (default 15,000 ms). */
  intervalMs?: number;
  /** See reconcileExecutions (default 600,000 ms: ten minutes, twice a run's default timeout). */
  staleRunningMs?: number;
  /** Registers the counters above on it. */
  metrics?: Registry;
  /** Called after each pass that ran (a hook for other counters, and for tests). */
  onPass?: (result: ReconcileExecutionsReturnType) => void;
};

export type ExecutionReconciler = {
  /** Runs a pass now, after the one in flight (passes never overlap); rejects when it fails. */
  runNow: () => Promise<ReconcileExecutionsReturnType>;
  /** Stops the loop and waits for the pass in flight. */
  stop: () => Promise<void>;
};

export const DEFAULT_RECONCILE_INTERVAL_MS = 15_000;
export const DEFAULT_STALE_RUNNING_MS = 600_000;

export function startExecutionReconciler(options: ExecutionReconcilerOptions): ExecutionReconciler {
  const { intervalMs = DEFAULT_RECONCILE_INTERVAL_MS, staleRunningMs = DEFAULT_STALE_RUNNING_MS, metrics: registry, onPass, ...parameters } = options;
  if (!Number.isInteger(intervalMs) || intervalMs < 1) throw new Error(`execution reconciler: intervalMs must be a positive integer (got ${intervalMs})`);
  if (!Number.isInteger(staleRunningMs) || staleRunningMs < 0) throw new Error(`execution reconciler: staleRunningMs must be a non-negative integer (got ${staleRunningMs})`);
  const metrics = registry ? reconcilerMetrics(registry) : null;
  const { logger } = parameters;

  let last: Promise<unknown> = Promise.resolve();
  const runNow = (): Promise<ReconcileExecutionsReturnType> => {
    const pass = last.then(async () => {
      try {
        const result = await reconcileExecutions({ ...parameters, staleRunningMs });
        if (metrics) {
          metrics.passes.inc({ outcome: result.skipped ? 'skipped' : 'done' });
          for (const action of ['requeued', 'resumed', 'retried', 'failed'] as const) if (result[action] > 0) metrics.actions.inc({ action }, result[action]);
          if (result.errors > 0) metrics.errors.inc(result.errors);
          if (!result.skipped) metrics.open.set(result.checked);
        }
        onPass?.(result);
        return result;
      } catch (error) {
        metrics?.passes.inc({ outcome: 'error' });
        metrics?.errors.inc();
        throw error;
      }
    });
    last = pass.catch(() => {});
    return pass;
  };

  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      await runNow().catch((error: unknown) => logger.error({ err: error }, 'execution reconciler pass failed; the next one tries again'));
      await sleep(intervalMs, undefined, { signal: stopping.signal }).catch(() => {});
    }
  })();

  return {
    runNow,
    async stop() {
      stopping.abort();
      await loop;
      await last;
    },
  };
}

function reconcilerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    passes: new Counter({ name: 'cr8_execution_reconciler_passes_total', help: 'Reconciler passes, by outcome (skipped: another pass held the lock)', labelNames: ['outcome'] as const, registers }),
    actions: new Counter({ name: 'cr8_execution_reconciler_actions_total', help: 'Open executions whose job the reconciler added again, retried, or failed', labelNames: ['action'] as const, registers }),
    errors: new Counter({ name: 'cr8_execution_reconciler_errors_total', help: 'Executions the reconciler could not act on, and failed passes', registers }),
    open: new Gauge({ name: 'cr8_execution_reconciler_open_executions', help: 'Open executions (queued or running) the last pass looked at', registers }),
  };
}
