// An open-loop load generator: requests leave at a constant rate whether or not earlier ones have been
// answered, and each latency is measured from the moment its request was due to leave, not from when a
// connection was free to send it (the wrk2 model; "coordinated omission" free). A server that stalls
// for 50 ms therefore shows 50 ms of queueing on every request due in that time, as its users would see.
//
// A warm-up (warmupSeconds) runs at the same rate on the same connections and flows straight into the
// measured seconds: a sustained load has no pause, and a pause before measuring would measure the
// server's return from idle instead (bench-e2e's first second after a 5 s pause: p99 17-200 ms).
//
// Why not autocannon here: its rate option lets each connection send back to back until it has spent its
// per-second quota, then wait for the next second. That is a closed-loop burst at the start of every
// second, not a steady load, so its latencies at a "rate" are those of a saturated server. autocannon
// stays in the benchmark for what it does well: closed-loop capacity.
//
// Why raw sockets rather than an HTTP client: the generator shares the two cores with what it measures,
// so its own cost lands in every latency. Over undici it used ~0.25 ms of CPU per request and paused
// 20–50 ms in scavenges; here each request is one string written to a keep-alive connection and each
// response is only framed (http1-response.ts), never parsed into objects.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { completeResponse, MalformedResponseError } from './http1-response.ts';

export type PlannedRequest = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

export type ConstantRateResult = {
  /** Requests sent (rate x duration). */
  sent: number;
  /** Answered 2xx. */
  ok: number;
  non2xx: number;
  /** Not answered: the connection failed, closed, or the answer was not HTTP. */
  errors: number;
  /** Answered requests per second, from the first send to the last answer. */
  servedPerSecond: number;
  /** Milliseconds from each request's due time to its answer. */
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** The p99 of the 2xx answers to the requests due in each second of the run, in order: whether a tail
   *  comes from a few bad seconds (an episode) or from every second (steady contention). */
  p99BySecondMs: number[];
  /** The warm-up's requests (none of the figures above count them). */
  warmup: { sent: number; ok: number; non2xx: number; errors: number };
};

type Due = { index: number; dueAt: number; warmup: boolean };

/** How long after the last request is due the run waits for answers before counting the rest as errors. */
const DRAIN_TIMEOUT_MS = 60_000;

export async function runConstantRate(options: {
  /** The origin, e.g. http://127.0.0.1:4000. */
  origin: string;
  requestsPerSecond: number;
  /** The measured seconds. */
  durationSeconds: number;
  /** Seconds at the same rate before the measured ones, unmeasured (default 0). */
  warmupSeconds?: number;
  /** Called once, as the first measured request comes due (before it is sent). */
  onMeasuredStart?: () => void;
  /** Keep-alive connections; requests due while all are busy queue for one (and that wait counts). */
  connections: number;
  next: (index: number) => PlannedRequest;
}): Promise<ConstantRateResult> {
  const { origin, requestsPerSecond, durationSeconds, connections, next } = options;
  const warmupSeconds = options.warmupSeconds ?? 0;
  if (!(requestsPerSecond > 0) || !(durationSeconds > 0) || !(connections >= 1)) throw new RangeError('requestsPerSecond, durationSeconds and connections must be positive');
  if (!(warmupSeconds >= 0)) throw new RangeError('warmupSeconds must be 0 or more');
  const target = new URL(origin);
  if (target.protocol !== 'http:') throw new RangeError(`only http: origins are supported, not ${target.protocol}`);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 80);
  // Microseconds, 1 µs to 60 s, 3 significant digits.
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const warmupTotal = Math.round(requestsPerSecond * warmupSeconds);
  const total = warmupTotal + Math.round(requestsPerSecond * durationSeconds);
  const intervalMs = 1_000 / requestsPerSecond;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const warmup = { sent: warmupTotal, ok: 0, non2xx: 0, errors: 0 };
  let answered = 0;
  let lastAnswerAt = 0;
  // Set once every connection is open (below): the clock starts with the first request; the measured
  // seconds start with the first measured one.
  let startedAt = 0;
  let measuredAt = 0;
  // Latencies (ms) of the 2xx answers, by the second their request was due in.
  const bySecond: number[][] = Array.from({ length: Math.ceil(durationSeconds) }, () => []);
  // Requests due while every connection is busy, oldest first.
  const waiting: Due[] = [];
  let waitingHead = 0;
  const idle: Connection[] = [];
  let finish: () => void = () => {};
  // Set once the run is over: sockets closed then settle nothing and send nothing.
  let over = false;

  const encode = (planned: PlannedRequest): string => {
    let head = `${planned.method} ${planned.path} HTTP/1.1\r\nhost: ${target.host}\r\n`;
    for (const [name, value] of Object.entries(planned.headers ?? {})) head += `${name}: ${value}\r\n`;
    if (planned.body !== undefined) head += `content-length: ${Buffer.byteLength(planned.body)}\r\n`;
    return `${head}\r\n${planned.body ?? ''}`;
  };

  const settle = (request: Due, statusCode: number | null) => {
    if (over) return;
    answered++;
    if (request.warmup) {
      if (statusCode === null) warmup.errors++;
      else if (statusCode >= 200 && statusCode < 300) warmup.ok++;
      else warmup.non2xx++;
    } else if (statusCode === null) errors++;
    else {
      const answeredAt = performance.now();
      lastAnswerAt = Math.max(lastAnswerAt, answeredAt);
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        histogram.recordValue(Math.max(1, Math.round((answeredAt - request.dueAt) * 1_000)));
        bySecond[Math.min(bySecond.length - 1, Math.floor((request.dueAt - measuredAt) / 1_000))]!.push(answeredAt - request.dueAt);
      } else non2xx++;
    }
    if (answered === total) finish();
  };

  class Connection {
    private socket: Socket | null = null;
    private received: Buffer | null = null;
    private current: Due | null = null;

    send(request: Due) {
      this.current = request;
      if (!this.socket) this.open();
      this.socket!.write(encode(next(request.index)));
    }

    private open() {
      const socket = connect({ host, port, noDelay: true });
      this.socket = socket;
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', () => {}); // 'close' follows and settles the request in flight
      socket.on('close', () => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.received = null;
        const lost = this.current;
        this.current = null;
        if (lost) {
          settle(lost, null);
          this.becomeIdle();
        }
      });
    }

    private onData(chunk: Buffer) {
      this.received = this.received ? Buffer.concat([this.received, chunk]) : chunk;
      let response;
      try {
        response = completeResponse(this.received);
        if (response && (response.end !== this.received.length || !this.current)) throw new MalformedResponseError('bytes beyond the one response asked for');
      } catch {
        this.socket?.destroy(); // the request in flight is counted as an error on 'close'
        return;
      }
      if (!response) return;
      const request = this.current!;
      this.current = null;
      this.received = null;
      if (response.close) {
        const socket = this.socket!;
        this.socket = null;
        socket.end();
      }
      settle(request, response.statusCode);
      this.becomeIdle();
    }

    private becomeIdle() {
      if (over) return;
      if (waitingHead < waiting.length) {
        const request = waiting[waitingHead]!;
        waiting[waitingHead++] = undefined as unknown as Due;
        if (waitingHead > 1024 && waitingHead * 2 > waiting.length) {
          waiting.splice(0, waitingHead);
          waitingHead = 0;
        }
        this.send(request);
      } else idle.push(this);
    }

    /** Opens the connection before the run, as a client that has been talking to the server already
     *  has (opening every socket at the first tick put the server's accept burst into the first
     *  second's latencies). Resolves once connected, or closed (the first request then connects again). */
    preconnect(): Promise<void> {
      if (!this.socket) this.open();
      const socket = this.socket!;
      return new Promise((resolve) => {
        socket.once('connect', () => resolve());
        socket.once('close', () => resolve());
      });
    }

    close() {
      this.socket?.destroy();
      this.socket = null;
    }
  }

  const all = Array.from({ length: connections }, () => new Connection());
  await Promise.all(all.map((connection) => connection.preconnect()));
  startedAt = performance.now();
  idle.push(...all);
  let sent = 0;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  await new Promise<void>((resolve) => {
    // Timers fire about once a millisecond; each tick sends every request that has come due, timed from
    // when it was due, so the tick granularity can only make the figures worse, never better.
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - startedAt) / intervalMs) + 1);
      while (sent < due) {
        const request = { index: sent, dueAt: startedAt + sent * intervalMs, warmup: sent < warmupTotal };
        if (sent === warmupTotal) {
          measuredAt = request.dueAt;
          options.onMeasuredStart?.();
        }
        const connection = idle.pop();
        if (connection) connection.send(request);
        else waiting.push(request);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  let drainTimer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise<void>((resolve) => (drainTimer = setTimeout(resolve, DRAIN_TIMEOUT_MS)))]);
  clearTimeout(drainTimer);
  over = true;
  // Whatever is still unanswered after the drain timeout counts as an error.
  const warmupAnswered = warmup.ok + warmup.non2xx + warmup.errors;
  warmup.errors += warmupTotal - warmupAnswered;
  errors += total - warmupTotal - (answered - warmupAnswered);
  for (const connection of all) connection.close();

  const latencyMs = {
    p50: histogram.getValueAtPercentile(50) / 1_000,
    p90: histogram.getValueAtPercentile(90) / 1_000,
    p99: histogram.getValueAtPercentile(99) / 1_000,
    max: histogram.maxValue / 1_000,
    mean: histogram.mean / 1_000,
  };
  histogram.destroy();
  const seconds = ((lastAnswerAt || performance.now()) - measuredAt) / 1_000;
  const p99BySecondMs = bySecond.map((latencies) => {
    if (latencies.length === 0) return 0;
    latencies.sort((a, b) => a - b);
    return Number(latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]!.toFixed(1));
  });
  return { sent: sent - warmupTotal, ok, non2xx, errors, servedPerSecond: ok / seconds, latencyMs, p99BySecondMs, warmup };
}
