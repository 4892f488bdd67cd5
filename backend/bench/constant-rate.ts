// An open-loop load generator: requests leave at a constant rate whether or not earlier ones have been
// answered, and each latency is measured from the moment its request was due to leave, not from when a
// connection was free to send it (the wrk2 model; "coordinated omission" free). A server that stalls
// for 50 ms therefore shows 50 ms of queueing on every request due in that time, as its users would see.
//
// Why not autocannon here: its rate option lets each connection send back to back until it has spent its
// per-second quota, then wait for the next second. That is a closed-loop burst at the start of every
// second, not a steady load, so its latencies at a "rate" are those of a saturated server. autocannon
// stays in the benchmark for what it does well: closed-loop capacity.
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { Pool } from 'undici';

export type PlannedRequest = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

export type ConstantRateResult = {
  /** Requests sent (rate x duration). */
  sent: number;
  /** Answered 2xx. */
  ok: number;
  non2xx: number;
  errors: number;
  /** Answered requests per second, from the first send to the last answer. */
  servedPerSecond: number;
  /** Milliseconds from each request's due time to its answer. */
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
};

export async function runConstantRate(options: {
  /** The origin, e.g. http://127.0.0.1:4000. */
  origin: string;
  requestsPerSecond: number;
  durationSeconds: number;
  /** Keep-alive connections; requests due while all are busy queue for one (and that wait counts). */
  connections: number;
  next: (index: number) => PlannedRequest;
}): Promise<ConstantRateResult> {
  const { origin, requestsPerSecond, durationSeconds, connections, next } = options;
  if (!(requestsPerSecond > 0) || !(durationSeconds > 0) || !(connections >= 1)) throw new RangeError('requestsPerSecond, durationSeconds and connections must be positive');
  const pool = new Pool(origin, { connections, pipelining: 1 });
  // Microseconds, 1 µs to 60 s, 3 significant digits.
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const total = Math.round(requestsPerSecond * durationSeconds);
  const intervalMs = 1_000 / requestsPerSecond;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let lastAnswerAt = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (index: number, dueAt: number) => {
    const planned = next(index);
    const request = pool
      .request({ origin, method: planned.method, path: planned.path, headers: planned.headers ?? {}, body: planned.body ?? null })
      .then(async (response) => {
        await response.body.dump();
        const answeredAt = performance.now();
        lastAnswerAt = Math.max(lastAnswerAt, answeredAt);
        if (response.statusCode >= 200 && response.statusCode < 300) {
          ok++;
          histogram.recordValue(Math.max(1, Math.round((answeredAt - dueAt) * 1_000)));
        } else non2xx++;
      })
      .catch(() => void errors++)
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  const startedAt = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    // Timers fire about once a millisecond; each tick sends every request that has come due, timed from
    // when it was due, so the tick granularity can only make the figures worse, never better.
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - startedAt) / intervalMs) + 1);
      while (sent < due) {
        send(sent, startedAt + sent * intervalMs);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  while (inFlight.size) await Promise.all([...inFlight]);
  await pool.close();

  const latencyMs = {
    p50: histogram.getValueAtPercentile(50) / 1_000,
    p90: histogram.getValueAtPercentile(90) / 1_000,
    p99: histogram.getValueAtPercentile(99) / 1_000,
    max: histogram.maxValue / 1_000,
    mean: histogram.mean / 1_000,
  };
  histogram.destroy();
  const seconds = ((lastAnswerAt || performance.now()) - startedAt) / 1_000;
  return { sent, ok, non2xx, errors, servedPerSecond: ok / seconds, latencyMs };
}
