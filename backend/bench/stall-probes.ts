// What the machine itself does to latency while a benchmark runs, measured beside the load so that a
// bad second can be told from a slow service:
//  - disk: every 10 ms, an 8 KiB write and fdatasync in the benchmark's work directory. Each PostgreSQL
//    commit waits for an fdatasync of its WAL, so a disk that stalls a sync for 150 ms stalls every
//    submit of those 150 ms (the work directory is on the same disk as PostgreSQL's data on these
//    machines; on another layout the probe tells about that disk only).
//  - scheduling: the same thread sleeps 10 ms between probes; waking up much later than asked means
//    the machine ran something else (the hypervisor, the kernel, other processes) for that long.
// Both run in a worker thread: the synchronous sync must not block the load generator's event loop,
// and the worker does nothing else, so its lateness is the machine's and not its own work.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export type Stall = { /** Seconds since the origin given to stop (by default, since the probes started). */ atSecond: number; ms: number };

export type StallReport = {
  diskSync: { probes: number; p50Ms: number; p99Ms: number; maxMs: number; stalls: Stall[] };
  /** Wake-ups from a 10 ms sleep that came later than `stallMs` past their time. */
  scheduling: { stalls: Stall[] };
};

/** A probe whose latency or lateness exceeds this is a stall (ms). */
export const DEFAULT_STALL_MS = 20;
/** At most this many stalls of each kind are listed (the longest kept). */
const MAX_LISTED = 50;

// CommonJS, run with `eval: true`: the loop sleeps with Atomics.wait, which also wakes it at once when
// the main thread raises the stop flag.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { openSync, writeSync, fdatasyncSync, closeSync } = require('node:fs');
const { file, intervalMs, flag } = workerData;
const stop = new Int32Array(flag);
const fd = openSync(file, 'w');
const block = Buffer.alloc(8192, 0x5a);
const syncs = [];
const late = [];
for (let n = 0; Atomics.load(stop, 0) === 0; n++) {
  const before = performance.now();
  writeSync(fd, block, 0, block.length, (n % 128) * block.length);
  fdatasyncSync(fd);
  const synced = performance.now();
  syncs.push([Date.now(), synced - before]);
  Atomics.wait(stop, 0, 0, intervalMs);
  const woke = performance.now();
  if (Atomics.load(stop, 0) === 0) late.push([Date.now(), woke - synced - intervalMs]);
}
closeSync(fd);
parentPort.postMessage({ syncs, late });
`;

/** Starts the probes in `dir` (a file `stall-probe` is written there and removed at stop). `stop(origin)`
 *  reports what was probed from `origin` on (a Date.now() value; default: when the probes started),
 *  stalls in seconds since it. */
export function startStallProbes(options: { dir: string; stallMs?: number; intervalMs?: number }): { stop: (origin?: number) => Promise<StallReport> } {
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const file = join(options.dir, 'stall-probe');
  const flag = new SharedArrayBuffer(4);
  const startedAt = Date.now();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs: options.intervalMs ?? 10, flag } });
  const result = new Promise<{ syncs: Array<[number, number]>; late: Array<[number, number]> }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the stall probe stopped before reporting (exit code ${code})`)));
  });
  return {
    async stop(origin = startedAt) {
      Atomics.store(new Int32Array(flag), 0, 1);
      Atomics.notify(new Int32Array(flag), 0);
      try {
        const { syncs, late } = await result;
        return summarizeProbes(syncs, late, { startedAt: origin, stallMs });
      } finally {
        await worker.terminate();
        rmSync(file, { force: true });
      }
    },
  };
}

/** The report from raw probes: [wall-clock ms, duration or lateness ms] pairs. */
export function summarizeProbes(allSyncs: ReadonlyArray<readonly [number, number]>, allLate: ReadonlyArray<readonly [number, number]>, options: { startedAt: number; stallMs: number }): StallReport {
  // Only what was probed from the origin on (a warm-up before it is not the phase reported).
  const syncs = allSyncs.filter(([at]) => at >= options.startedAt);
  const late = allLate.filter(([at]) => at >= options.startedAt);
  const durations = syncs.map(([, ms]) => ms).sort((a, b) => a - b);
  const quantile = (q: number) => (durations.length ? round(durations[Math.min(durations.length - 1, Math.ceil(q * durations.length) - 1)]!) : 0);
  const stalls = (probes: ReadonlyArray<readonly [number, number]>): Stall[] =>
    probes
      .filter(([, ms]) => ms > options.stallMs)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_LISTED)
      .map(([at, ms]) => ({ atSecond: round((at - options.startedAt) / 1000), ms: round(ms) }))
      .sort((a, b) => a.atSecond - b.atSecond);
  return {
    diskSync: { probes: durations.length, p50Ms: quantile(0.5), p99Ms: quantile(0.99), maxMs: durations.length ? round(durations.at(-1)!) : 0, stalls: stalls(syncs) },
    scheduling: { stalls: stalls(late) },
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
