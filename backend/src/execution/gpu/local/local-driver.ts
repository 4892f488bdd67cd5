// The `local` runtime: agents run on this machine as sandboxed processes. A sandbox here is an empty
// environment (see sandbox-env.ts), a fresh directory as cwd/HOME/TMPDIR removed afterwards, a memory
// limit, a process group killed as a whole, and optionally no network (see sandbox-command.ts). It is
// not a security boundary against hostile code: agents run as the driver's user and see its filesystem.
// It is meant for development and for agents the operator trusts.
//
// Two ways to run, chosen per driver:
// - a process per run (default): input JSON on stdin, one JSON document on stdout (run-single-shot.ts);
// - `persistent: true`: one server process per (agent, command, secrets) kept between runs, speaking
//   JSON lines (agent-server.ts), for agents called many times a second. Every agent this driver runs
//   must then speak that protocol: the registration carries no field to declare it, so it is the
//   operator's choice per driver (a driver per mode when agents of both kinds share a machine).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../../../service/logger.ts';
import { type ExecutionDriver, MAX_OUTPUT_BYTES, type RunRequest, type RunResult, retryable } from '../driver.ts';
import { type AgentServer, startAgentServer } from './agent-server.ts';
import { failed, type Outcome } from './outcome.ts';
import { runSingleShot } from './run-single-shot.ts';
import { buildSandboxCommand, PRLIMIT, type SandboxLimits, UNSHARE, UNSHARE_NET_ARGS } from './sandbox-command.ts';
import { buildSandboxEnv } from './sandbox-env.ts';

export type LocalDriverOptions = {
  /** Where each run's (and each server's) own directory is made; created if missing. */
  workDir: string;
  /** Memory limit per agent process, MiB (default 512, at least 32). RLIMIT_AS, or V8's heap for `node` commands. */
  memoryLimitMb?: number;
  /** Largest output accepted, bytes of JSON (default MAX_OUTPUT_BYTES, 1 MiB). */
  maxOutputBytes?: number;
  /** Host environment variables passed to agents when set (default PATH and LANG). Nothing else of the host's leaks. */
  passEnv?: readonly string[];
  /** Run agents without network (a new, empty network namespace; default false). Checked at creation. */
  isolateNetwork?: boolean;
  /** Keep a server process per agent instead of a process per run (default false). Every agent must then answer JSON lines when started with CR8_PROTOCOL=jsonl (agent-server.ts). */
  persistent?: boolean;
  /** persistent: kill a server after this long without requests (default 60,000 ms). */
  idleTimeoutMs?: number;
  logger?: Logger;
};

export const DEFAULT_MEMORY_LIMIT_MB = 512;
export const DEFAULT_PASS_ENV: readonly string[] = ['PATH', 'LANG'];
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export function createLocalDriver(options: LocalDriverOptions): ExecutionDriver {
  const memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
  const maxOutputBytes = options.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  const passEnv = options.passEnv ?? DEFAULT_PASS_ENV;
  const isolateNetwork = options.isolateNetwork ?? false;
  const persistent = options.persistent ?? false;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const { logger } = options;
  if (!Number.isInteger(memoryLimitMb) || memoryLimitMb < 32) throw new Error(`local driver: memoryLimitMb must be an integer of at least 32 (got ${memoryLimitMb})`);
  if (!Number.isInteger(maxOutputBytes) || maxOutputBytes < 1) throw new Error(`local driver: maxOutputBytes must be a positive integer (got ${maxOutputBytes})`);
  if (!(idleTimeoutMs > 0)) throw new Error(`local driver: idleTimeoutMs must be positive (got ${idleTimeoutMs})`);
  // Fail at boot, not on the first run: without these the sandbox would silently be weaker.
  requireExecutable(PRLIMIT, 'to apply memory limits (util-linux)');
  if (isolateNetwork) requireNetworkIsolation();
  const workDir = resolve(options.workDir);
  mkdirSync(workDir, { recursive: true });
  const limits: SandboxLimits = { memoryLimitMb, isolateNetwork };

  const running = new Set<Promise<RunResult>>();
  const cancels = new Set<AbortController>();
  /** The server each key routes to (alive ones only). */
  const servers = new Map<string, AgentServer>();
  /** Every server whose process has not exited yet, routed to or not, so close() can wait for them all. */
  const unexited = new Set<AgentServer>();
  let closed = false;

  async function runInProcess(request: RunRequest, signal: AbortSignal): Promise<Outcome> {
    const home = await mkdtemp(join(workDir, 'run-'));
    try {
      const env = buildSandboxEnv({ passEnv, hostEnv: process.env, secrets: request.secrets, home, driverVars: { CR8_EXECUTION_ID: request.executionId, CR8_AGENT_ID: request.agentId } });
      const command = buildSandboxCommand(request.config.command, env.PATH, limits);
      if (!('argv' in command)) return command;
      return await runSingleShot({ argv: command.argv, env, cwd: home, input: request.input, timeoutMs: request.config.timeoutSeconds * 1000, maxOutputBytes, signal });
    } finally {
      await rm(home, { recursive: true, force: true, maxRetries: 3 }).catch((error: unknown) => logger?.warn({ err: error, home }, 'could not remove a run directory'));
    }
  }

  function runOnServer(request: RunRequest, signal: AbortSignal): Promise<Outcome> {
    const key = serverKey(request);
    let server = servers.get(key);
    // Synchronous from lookup to insertion, so concurrent first runs share one server.
    if (server === undefined || !server.alive) {
      const home = mkdtempSync(join(workDir, 'server-'));
      const env = buildSandboxEnv({ passEnv, hostEnv: process.env, secrets: request.secrets, home, driverVars: { CR8_AGENT_ID: request.agentId, CR8_PROTOCOL: 'jsonl' } });
      const command = buildSandboxCommand(request.config.command, env.PATH, limits);
      if (!('argv' in command)) {
        rm(home, { recursive: true, force: true }).catch(() => {});
        return Promise.resolve(command);
      }
      const started = startAgentServer({
        argv: command.argv,
        env,
        cwd: home,
        maxOutputBytes,
        idleTimeoutMs,
        logger,
        onStopped: () => {
          if (servers.get(key) === started) servers.delete(key);
        },
      });
      servers.set(key, started);
      unexited.add(started);
      void started.exited.then(() => unexited.delete(started));
      server = started;
    }
    return server.request({ executionId: request.executionId, input: request.input, timeoutMs: request.config.timeoutSeconds * 1000, signal });
  }

  async function execute(request: RunRequest): Promise<RunResult> {
    const startedAt = new Date();
    const stamp = (outcome: Outcome): RunResult =>
      outcome.ok ? { ...outcome, startedAt, finishedAt: new Date() } : { ...outcome, retryable: retryable[outcome.code], startedAt, finishedAt: new Date() };
    if (closed) return stamp(failed('UNAVAILABLE', 'the local driver is closed'));
    if (request.signal.aborted) return stamp(failed('CANCELLED', 'the run was cancelled before it started'));
    // The driver's own signal, so close() can stop runs whatever their caller's signal does.
    const cancel = new AbortController();
    const forward = () => cancel.abort();
    request.signal.addEventListener('abort', forward, { once: true });
    cancels.add(cancel);
    try {
      return stamp(await (persistent ? runOnServer(request, cancel.signal) : runInProcess(request, cancel.signal)));
    } catch (error) {
      logger?.error({ err: error, executionId: request.executionId }, 'local driver failed to run an agent');
      return stamp(failed('UNAVAILABLE', `the local driver failed: ${(error as Error).message}`));
    } finally {
      cancels.delete(cancel);
      request.signal.removeEventListener('abort', forward);
    }
  }

  return {
    runtime: 'local',
    run(request) {
      const result = execute(request);
      running.add(result);
      void result.finally(() => running.delete(result));
      return result;
    },
    async close() {
      closed = true;
      for (const cancel of cancels) cancel.abort();
      const exits = [...unexited].map((server) => {
        server.kill('the local driver closed');
        return server.exited;
      });
      servers.clear();
      await Promise.allSettled([...running, ...exits]);
    },
  };
}

/** One server per agent, command and secrets: rotated secrets start a new server (the old one idles out). */
function serverKey(request: RunRequest): string {
  const secrets = Object.entries(request.secrets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Hashed, so secrets are never held (or logged) as part of a key.
  const secretsHash = createHash('sha256').update(JSON.stringify(secrets)).digest('base64url');
  return `${request.agentId}\0${JSON.stringify(request.config.command ?? [])}\0${secretsHash}`;
}

function requireExecutable(file: string, purpose: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch (error) {
    throw new Error(`local driver: ${file} is needed ${purpose} but is not executable here`, { cause: error });
  }
}

/** Creating a user namespace can be disabled by the kernel (sysctls, AppArmor): try it once. */
function requireNetworkIsolation(): void {
  requireExecutable(UNSHARE, 'to isolate agents from the network (util-linux)');
  const probe = spawnSync(UNSHARE, [...UNSHARE_NET_ARGS, '/bin/true'], { env: {}, timeout: 10_000, encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`local driver: isolateNetwork is on but ${UNSHARE} ${UNSHARE_NET_ARGS.join(' ')} fails here: ${probe.error?.message ?? probe.stderr.trim()}`, { cause: probe.error });
  }
}
