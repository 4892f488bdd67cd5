// One execution as one process: the input JSON on stdin (then closed), one JSON document on stdout,
// stderr as logs (the tail is kept). The process is the leader of its own process group, and the whole
// group is SIGKILLed when the run ends for any reason (including a clean exit: nothing the agent started
// outlives its run). Classification, in order: stopped by the driver (TIMEOUT, CANCELLED, oversized
// output → MALFORMED_OUTPUT), spawn failure, exit 0 (the output must parse, else MALFORMED_OUTPUT), the
// memory heuristic (MEMORY_LIMIT), anything else AGENT_FAILED.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { tailLogs } from '../driver.ts';
import { killProcessGroup } from './kill-process-group.ts';
import { diedOfMemoryLimit } from './memory-limit-heuristic.ts';
import { failed, type Outcome } from './outcome.ts';

export type SingleShotParameters = {
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd: string;
  input: unknown;
  timeoutMs: number;
  maxOutputBytes: number;
  signal: AbortSignal;
};

/** How long to wait for stdout/stderr to close once the agent exited and its group was killed. */
const STREAM_DRAIN_MS = 1_000;
const MESSAGE_STDERR_CHARS = 300;

export function runSingleShot(parameters: SingleShotParameters): Promise<Outcome> {
  const { argv, env, cwd, input, timeoutMs, maxOutputBytes, signal } = parameters;
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve(failed('BAD_CONFIG', 'empty command'));

  return new Promise<Outcome>((resolve) => {
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let logs = '';
    let stoppedFor: 'timeout' | 'cancelled' | 'oversized' | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let spawnError: NodeJS.ErrnoException | null = null;
    let settled = false;
    let drainTimer: NodeJS.Timeout | undefined;

    const child = spawn(file, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const stop = (reason: NonNullable<typeof stoppedFor>) => {
      if (stoppedFor !== null || exit !== null) return;
      stoppedFor = reason;
      killProcessGroup(child.pid);
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('cancelled');
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();

    child.stdout.on('data', (chunk: Buffer) => {
      if (stoppedFor !== null) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxOutputBytes) stop('oversized');
      else stdout.push(chunk);
    });
    const decoder = new StringDecoder('utf8');
    child.stderr.on('data', (chunk: Buffer) => {
      logs = tailLogs(logs, decoder.write(chunk));
    });
    // EPIPE when the agent exits without reading its input: its exit status tells how the run went.
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(input));

    child.on('error', (error: NodeJS.ErrnoException) => {
      // Spawn failures (the process never existed); errors killing it cannot happen with process.kill.
      spawnError = error;
      finish();
    });
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      // Whatever the agent started dies with it; then its pipes close, unless a process that left the
      // group still holds them: do not wait for that forever.
      killProcessGroup(child.pid);
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, STREAM_DRAIN_MS);
    });
    child.on('close', finish);

    function finish(): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      signal.removeEventListener('abort', onAbort);
      logs = tailLogs(logs, decoder.end());
      resolve(classify());
    }

    function classify(): Outcome {
      const seconds = timeoutMs / 1000;
      if (stoppedFor === 'timeout') return failed('TIMEOUT', `the agent ran longer than its ${seconds} s timeout and was killed`, logs);
      if (stoppedFor === 'cancelled') return failed('CANCELLED', 'the run was cancelled and the agent killed', logs);
      if (stoppedFor === 'oversized') return failed('MALFORMED_OUTPUT', `the agent's output is larger than ${maxOutputBytes} bytes`, logs);
      if (spawnError !== null) {
        const missing = spawnError.code === 'ENOENT' || spawnError.code === 'EACCES';
        return failed(missing ? 'BAD_CONFIG' : 'UNAVAILABLE', `could not start ${file}: ${spawnError.message}`, logs);
      }
      const { code, signal: exitSignal } = exit ?? { code: null, signal: null };
      if (code === 0) return parseOutput(Buffer.concat(stdout).toString('utf8'), logs);
      const how = exitSignal !== null ? `was killed by ${exitSignal}` : `exited with code ${code}`;
      // No stderr line in this message: runtimes dying of memory end with stack dumps, not explanations.
      if (diedOfMemoryLimit({ code, signal: exitSignal, stderr: logs })) return failed('MEMORY_LIMIT', `the agent ${how}, most likely over its memory limit`, logs);
      const lastWords = lastLine(logs);
      return failed('AGENT_FAILED', `the agent ${how}${lastWords ? `: ${lastWords}` : ''}`, logs);
    }
  });
}

function parseOutput(text: string, logs: string): Outcome {
  if (text.trim() === '') return failed('MALFORMED_OUTPUT', 'the agent exited 0 but wrote nothing on stdout', logs);
  try {
    return { ok: true, output: JSON.parse(text), logs };
  } catch (error) {
    return failed('MALFORMED_OUTPUT', `the agent's stdout is not one JSON document: ${(error as Error).message}`, logs);
  }
}

/** The last non-empty stderr line, for the failure message (the full tail is in the logs). */
function lastLine(logs: string): string {
  const lines = logs.trimEnd().split('\n');
  const line = (lines[lines.length - 1] ?? '').trim();
  return line.length > MESSAGE_STDERR_CHARS ? `${line.slice(0, MESSAGE_STDERR_CHARS)}…` : line;
}
