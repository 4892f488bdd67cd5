// One persistent agent process speaking JSON lines ("server mode"), for agents called too often to pay
// a process start per run. Started with CR8_PROTOCOL=jsonl, it reads requests on stdin and writes
// responses on stdout, one JSON object per line, in any order and as many in flight as it likes:
//   request   {"id":"<opaque>","executionId":"<uuid>","input":<json>}
//   response  {"id":"<same>","output":<json>,"logs":"<optional>"}
//          or {"id":"<same>","error":"<message>","logs":"<optional>"}
// An `error` is the agent failing that input (AGENT_FAILED); per-run logs travel in `logs`, because
// stderr is shared by every request and would leak one caller's data into another's logs: stderr goes to
// the operator's log instead, when the server dies. Agents must keep no state between requests: the
// server may be killed at any time.
//
// Failures: a request that times out kills the process (the only way to stop a stuck agent) and fails
// TIMEOUT; the others then in flight fail UNAVAILABLE (retryable: they did nothing wrong). A crash fails
// every request in flight UNAVAILABLE; the pool starts a new server on the next request. A cancelled
// request is forgotten (its late answer dropped) while the server goes on serving the others. A server
// with nothing to do for `idleTimeoutMs` is killed.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Logger } from '../../../service/logger.ts';
import { MAX_LOG_BYTES, tailLogs } from '../driver.ts';
import { killProcessGroup } from './kill-process-group.ts';
import { failed, type Outcome } from './outcome.ts';

export type AgentServerParameters = {
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  /** The server's own directory (cwd, HOME), removed when it exits. */
  cwd: string;
  maxOutputBytes: number;
  idleTimeoutMs: number;
  logger?: Logger;
  /** Called once, when the server stops taking requests (killed, crashed or idle). */
  onStopped?: () => void;
};

export type ServerRequest = { executionId: string; input: unknown; timeoutMs: number; signal: AbortSignal };

export type AgentServer = {
  readonly pid: number | undefined;
  /** False once the server was killed or exited: a new one must be started. */
  readonly alive: boolean;
  request(request: ServerRequest): Promise<Outcome>;
  /** Kills the process group; requests in flight fail UNAVAILABLE with `reason`. */
  kill(reason: string): void;
  /** Settles once the process is gone and its directory removed. */
  readonly exited: Promise<void>;
};

/** stderr kept for the operator's log when a server dies. */
const STDERR_TAIL_BYTES = 8 * 1024;
/** Longest error message taken from a response. */
const ERROR_MESSAGE_CHARS = 1_000;
/** Our ids are base-36 counters; an oversized line can still be attributed when it starts with one. */
const LEADING_ID = /^\s*\{\s*"id"\s*:\s*"([0-9a-z]+)"/;

export function startAgentServer(parameters: AgentServerParameters): AgentServer {
  const { argv, env, cwd, maxOutputBytes, idleTimeoutMs, logger, onStopped } = parameters;
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('startAgentServer needs a command');
  // A response line holds the output plus its envelope and logs (JSON-escaped, so up to 6× their bytes).
  const maxLineBytes = maxOutputBytes + 6 * MAX_LOG_BYTES + 1024;
  const pending = new Map<string, (outcome: Outcome) => void>();
  let alive = true;
  let sequence = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let stderrTail = '';

  const child = spawn(file, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid;
  logger?.debug({ pid, command: file }, 'agent server started');

  // stdout → lines. A line longer than maxLineBytes is not buffered: only its start is kept, to find its id.
  let line: Buffer[] = [];
  let lineBytes = 0;
  let oversizedStart: Buffer | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      appendToLine(chunk.subarray(start, newline));
      endLine();
      start = newline + 1;
    }
    appendToLine(chunk.subarray(start));
  });
  function appendToLine(part: Buffer): void {
    if (oversizedStart !== null || part.length === 0) return;
    lineBytes += part.length;
    line.push(part);
    if (lineBytes > maxLineBytes) {
      oversizedStart = Buffer.concat(line).subarray(0, 256);
      line = [];
    }
  }
  function endLine(): void {
    const whole = oversizedStart === null ? Buffer.concat(line) : null;
    const start = oversizedStart;
    line = [];
    lineBytes = 0;
    oversizedStart = null;
    if (whole === null) {
      const id = LEADING_ID.exec(start?.toString('latin1') ?? '')?.[1];
      const settle = id === undefined ? undefined : pending.get(id);
      if (settle) settle(failed('MALFORMED_OUTPUT', `the agent's output is larger than ${maxOutputBytes} bytes`));
      // Some request's answer is lost and cannot be told which: restarting fails them all now rather than at their timeouts.
      else kill('the agent server wrote an oversized line that answers no request in flight, and was restarted');
      return;
    }
    if (whole.length > 0) handleResponse(whole);
  }

  function handleResponse(bytes: Buffer): void {
    const text = bytes.toString('utf8');
    let response: unknown;
    try {
      response = JSON.parse(text);
    } catch {
      const id = LEADING_ID.exec(text)?.[1];
      const settle = id === undefined ? undefined : pending.get(id);
      if (settle) settle(failed('MALFORMED_OUTPUT', 'the agent answered with a line that is not JSON'));
      else logger?.warn({ pid }, 'agent server wrote a line that is not a JSON response; ignored');
      return;
    }
    if (typeof response !== 'object' || response === null || !('id' in response) || typeof response.id !== 'string') {
      logger?.warn({ pid }, 'agent server wrote a response without an id; ignored');
      return;
    }
    // No entry: the answer to a request already cancelled or timed out.
    const settle = pending.get(response.id);
    if (!settle) return;
    const logs = 'logs' in response && typeof response.logs === 'string' ? tailLogs('', response.logs) : '';
    if ('error' in response) {
      const message = typeof response.error === 'string' ? response.error : JSON.stringify(response.error);
      settle(failed('AGENT_FAILED', message.length > ERROR_MESSAGE_CHARS ? `${message.slice(0, ERROR_MESSAGE_CHARS)}…` : message, logs));
    } else if (!('output' in response)) {
      settle(failed('MALFORMED_OUTPUT', 'the agent answered with neither output nor error', logs));
    } else if (bytes.length > maxOutputBytes && Buffer.byteLength(JSON.stringify(response.output)) > maxOutputBytes) {
      settle(failed('MALFORMED_OUTPUT', `the agent's output is larger than ${maxOutputBytes} bytes`, logs));
    } else {
      settle({ ok: true, output: response.output, logs });
    }
  }

  const stderrDecoder = new StringDecoder('utf8');
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = tailLogs(stderrTail, stderrDecoder.write(chunk), STDERR_TAIL_BYTES);
  });
  // EPIPE after the process died: the exit handler fails what was in flight.
  child.stdin.on('error', () => {});

  let cleanedUp = false;
  const { promise: exited, resolve: resolveExited } = Promise.withResolvers<void>();
  const cleanUp = () => {
    if (cleanedUp) return;
    cleanedUp = true;
    killProcessGroup(pid);
    try {
      rmSync(cwd, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      logger?.warn({ err: error, cwd }, 'could not remove an agent server directory');
    }
    resolveExited();
  };
  child.on('error', (error) => {
    stopped(`could not start the agent server: ${error.message}`);
    cleanUp();
  });
  child.on('exit', (code, signal) => {
    if (alive) logger?.warn({ pid, code, signal, inFlight: pending.size, stderr: stderrTail }, 'agent server exited');
    stopped(`the agent server ${signal !== null ? `was killed by ${signal}` : `exited with code ${code}`} while this request was in flight`);
    cleanUp();
  });

  function stopped(reason: string): void {
    if (!alive) return;
    alive = false;
    clearTimeout(idleTimer);
    for (const settle of [...pending.values()]) settle(failed('UNAVAILABLE', reason));
    onStopped?.();
  }

  function kill(reason: string): void {
    stopped(reason);
    killProcessGroup(pid);
  }

  function request({ executionId, input, timeoutMs, signal }: ServerRequest): Promise<Outcome> {
    if (!alive) return Promise.resolve(failed('UNAVAILABLE', 'the agent server has stopped'));
    if (signal.aborted) return Promise.resolve(failed('CANCELLED', 'the run was cancelled before it started'));
    clearTimeout(idleTimer);
    const id = (++sequence).toString(36);
    return new Promise<Outcome>((resolve) => {
      const settle = (outcome: Outcome) => {
        pending.delete(id);
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
        if (alive && pending.size === 0) idleTimer = setTimeout(() => kill('the agent server was idle'), idleTimeoutMs).unref();
      };
      const timer = setTimeout(() => {
        settle(failed('TIMEOUT', `the agent did not answer within its ${timeoutMs / 1000} s timeout; its server process was killed`));
        // The agent is stuck on this request (or too slow for it): only killing the process stops that work.
        kill('the agent server was restarted because another request on it timed out');
      }, timeoutMs);
      const onAbort = () => settle(failed('CANCELLED', 'the run was cancelled; its answer will be ignored'));
      pending.set(id, settle);
      signal.addEventListener('abort', onAbort, { once: true });
      child.stdin.write(`${JSON.stringify({ id, executionId, input })}\n`);
    });
  }

  return {
    pid,
    get alive() {
      return alive;
    },
    request,
    kill,
    exited,
  };
}
