// The small base every backend process shares: a logger, a Prometheus registry, readiness checks, and
// an orderly shutdown (hooks run last-registered first, each bounded in time) on SIGINT/SIGTERM.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger } from './logger.ts';

export type ReadinessCheck = () => Promise<void>;

export type Readiness = { ready: boolean; checks: Record<string, { ok: boolean; error?: string }> };

export type Service = {
  name: string;
  logger: Logger;
  metrics: Registry;
  /** Registers a dependency check for /ready (throws when the dependency is unavailable). */
  addReadinessCheck: (name: string, check: ReadinessCheck) => void;
  readiness: () => Promise<Readiness>;
  /** Registers cleanup for shutdown; hooks run in reverse order of registration. */
  onShutdown: (name: string, hook: () => Promise<void>) => void;
  shutdown: (reason: string) => Promise<void>;
  /** Shuts down on SIGINT/SIGTERM; returns a function that removes the handlers. */
  handleSignals: () => () => void;
  readonly shuttingDown: boolean;
};

export function createService(parameters: { name: string; logger: Logger; shutdownTimeoutMs?: number; defaultMetrics?: boolean }): Service {
  const { name, logger } = parameters;
  const metrics = new Registry();
  metrics.setDefaultLabels({ service: name });
  if (parameters.defaultMetrics !== false) collectDefaultMetrics({ register: metrics });
  const checks = new Map<string, ReadinessCheck>();
  const hooks: Array<{ name: string; hook: () => Promise<void> }> = [];
  let shuttingDown = false;
  let shutdownDone: Promise<void> | undefined;
  const timeoutMs = parameters.shutdownTimeoutMs ?? 10_000;

  async function readiness(): Promise<Readiness> {
    const results = await Promise.all(
      [...checks].map(async ([checkName, check]) => {
        try {
          await check();
          return [checkName, { ok: true }] as const;
        } catch (error) {
          return [checkName, { ok: false, error: (error as Error).message }] as const;
        }
      }),
    );
    const byName = Object.fromEntries(results);
    return { ready: !shuttingDown && results.every(([, result]) => result.ok), checks: byName };
  }

  function shutdown(reason: string): Promise<void> {
    shutdownDone ??= (async () => {
      shuttingDown = true;
      logger.info({ reason }, 'shutting down');
      for (const { name: hookName, hook } of [...hooks].reverse()) {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            hook(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
        } catch (error) {
          logger.error({ hook: hookName, err: error }, 'shutdown hook failed');
        } finally {
          clearTimeout(timer);
        }
      }
      logger.info('stopped');
    })();
    return shutdownDone;
  }

  return {
    name,
    logger,
    metrics,
    addReadinessCheck: (checkName, check) => void checks.set(checkName, check),
    readiness,
    onShutdown: (hookName, hook) => void hooks.push({ name: hookName, hook }),
    shutdown,
    handleSignals() {
      const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      return () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      };
    },
    get shuttingDown() {
      return shuttingDown;
    },
  };
}
