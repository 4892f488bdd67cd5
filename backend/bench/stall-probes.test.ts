// The stall probes: they probe the disk while running and clean up after themselves, and the summary
// names the stalls, longest first kept, by the second they happened in.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startStallProbes, summarizeProbes } from './stall-probes.ts';

test('the probes sync the disk every few milliseconds until stopped, and remove their file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cr8-stall-probes-'));
  try {
    const probes = startStallProbes({ dir, intervalMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.ok(existsSync(join(dir, 'stall-probe')), 'the probe file exists while probing');
    const report = await probes.stop();
    // ~400 ms at one probe per 5 ms plus the sync: well above a handful, even on a slow disk.
    assert.ok(report.diskSync.probes >= 10, `${report.diskSync.probes} probes`);
    assert.ok(report.diskSync.p50Ms > 0 && report.diskSync.p50Ms <= report.diskSync.p99Ms && report.diskSync.p99Ms <= report.diskSync.maxMs, JSON.stringify(report.diskSync));
    for (const stall of [...report.diskSync.stalls, ...report.scheduling.stalls]) assert.ok(stall.ms > 20 && stall.atSecond >= 0 && stall.atSecond < 5, JSON.stringify(stall));
    assert.equal(existsSync(join(dir, 'stall-probe')), false, 'removed at stop');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the summary: quantiles of the sync times, stalls above the threshold by second, at most 50 kept (the longest)', () => {
  const startedAt = 1_000_000;
  const syncs: Array<[number, number]> = Array.from({ length: 200 }, (_, i) => [startedAt + i * 10, i < 150 ? 1 : 2]);
  syncs.push([startedAt + 2_500, 180], [startedAt + 7_000, 25]);
  const late: Array<[number, number]> = Array.from({ length: 60 }, (_, i) => [startedAt + 10_000 + i, 21 + i]);
  const report = summarizeProbes(syncs, late, { startedAt, stallMs: 20 });
  assert.deepEqual(report.diskSync, { probes: 202, p50Ms: 1, p99Ms: 2, maxMs: 180, stalls: [{ atSecond: 2.5, ms: 180 }, { atSecond: 7, ms: 25 }] });
  assert.equal(report.scheduling.stalls.length, 50);
  assert.equal(Math.min(...report.scheduling.stalls.map((stall) => stall.ms)), 31, 'the 50 longest of 60');
  assert.deepEqual(
    report.scheduling.stalls.map((stall) => stall.atSecond),
    [...report.scheduling.stalls.map((stall) => stall.atSecond)].sort((a, b) => a - b),
    'in time order',
  );
  assert.deepEqual(summarizeProbes([], [], { startedAt, stallMs: 20 }).diskSync, { probes: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, stalls: [] });
});

test('the summary leaves out what was probed before its origin (a warm-up)', () => {
  const startedAt = 1_000_000;
  const report = summarizeProbes(
    [[startedAt - 500, 300], [startedAt, 1], [startedAt + 100, 40]],
    [[startedAt - 1, 90], [startedAt + 200, 30]],
    { startedAt, stallMs: 20 },
  );
  assert.deepEqual(report.diskSync, { probes: 2, p50Ms: 1, p99Ms: 40, maxMs: 40, stalls: [{ atSecond: 0.1, ms: 40 }] });
  assert.deepEqual(report.scheduling.stalls, [{ atSecond: 0.2, ms: 30 }]);
});
