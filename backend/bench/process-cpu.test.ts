// CPU per unit of work from /proc, process by process: a busy child shows its CPU under its kind, and a
// process that ended between the two readings never makes a kind's figure negative.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { cpuMsPer, cpuSnapshot, type CpuSnapshot, machineCpu, machineCpuShares, parseProcStat } from './process-cpu.ts';

test('a child that spins for ~300 ms shows ~300 ms of CPU under its kind', async () => {
  const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 300; while (Date.now() < end); setTimeout(() => {}, 10_000)']);
  const kindOf = (pid: number) => (pid === child.pid ? 'agents' : null);
  try {
    const before = cpuSnapshot(kindOf);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const perUnit = cpuMsPer(before, cpuSnapshot(kindOf), 1);
    // Its start-up and the spin: at least the spin (ticks are 10 ms), and not the whole machine's time.
    assert.ok(perUnit.agents! >= 250 && perUnit.agents! < 1_500, `agents ${perUnit.agents} ms`);
    assert.equal(perUnit.total, perUnit.agents);
  } finally {
    child.kill();
    await once(child, 'exit');
  }
});

test('per process: one that ended in between is left out, one that started counts from zero', () => {
  const before: CpuSnapshot = new Map([
    [10, { kind: 'postgres', seconds: 50, startedAtTicks: 100 }], // a backend that closed during the phase
    [11, { kind: 'postgres', seconds: 2, startedAtTicks: 100 }],
    [20, { kind: 'redis', seconds: 7, startedAtTicks: 5 }],
  ]);
  const after: CpuSnapshot = new Map([
    [11, { kind: 'postgres', seconds: 3, startedAtTicks: 100 }],
    [12, { kind: 'postgres', seconds: 0.5, startedAtTicks: 900 }], // a backend opened during the phase
    [20, { kind: 'redis', seconds: 7, startedAtTicks: 5 }],
  ]);
  assert.deepEqual(cpuMsPer(before, after, 1_000), { total: 1.5, postgres: 1.5 });
});

test('a process whose kind became known in between counts from the first reading under its later kind; a reused pid from zero', () => {
  const before: CpuSnapshot = new Map([
    [11, { kind: 'postgres', seconds: 40, startedAtTicks: 100 }], // an API session not yet told apart
    [12, { kind: 'postgres', seconds: 9, startedAtTicks: 100 }], // ended; its pid went to a new backend
  ]);
  const after: CpuSnapshot = new Map([
    [11, { kind: 'postgresApi', seconds: 42, startedAtTicks: 100 }],
    [12, { kind: 'postgresOrchestrator', seconds: 1, startedAtTicks: 700 }],
  ]);
  assert.deepEqual(cpuMsPer(before, after, 1_000), { total: 3, postgresApi: 2, postgresOrchestrator: 1 });
});

test('the machine\'s busy and steal shares from /proc/stat: parsed by field, refused when unreadable, read live', () => {
  const at = (user: number, idle: number, steal: number) => parseProcStat(`cpu  ${user} 5 10 ${idle} 3 1 4 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n`);
  assert.deepEqual(at(100, 800, 20), { busy: 120, idle: 803, steal: 20 });
  // 60 busy ticks, 30 idle, 10 stolen out of 100.
  assert.deepEqual(machineCpuShares(at(100, 800, 20), at(160, 830, 30)), { busyPercent: 60, stealPercent: 10 });
  assert.deepEqual(machineCpuShares(at(1, 1, 1), at(1, 1, 1)), { busyPercent: 0, stealPercent: 0 });
  assert.throws(() => parseProcStat('intr 1 2 3\n'), /no aggregate cpu line/);
  assert.throws(() => parseProcStat('cpu  1 2 x 4 5 6 7 8\n'), /unreadable cpu line/);
  const live = machineCpu();
  assert.ok(live.busy > 0 && live.idle >= 0 && live.steal >= 0, JSON.stringify(live));
});
