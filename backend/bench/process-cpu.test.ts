// CPU per unit of work from /proc, process by process: a busy child shows its CPU under its kind, and a
// process that ended between the two readings never makes a kind's figure negative.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { cpuMsPer, cpuSnapshot, type CpuSnapshot } from './process-cpu.ts';

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
    [10, { kind: 'postgres', seconds: 50 }], // a backend that closed during the phase
    [11, { kind: 'postgres', seconds: 2 }],
    [20, { kind: 'redis', seconds: 7 }],
  ]);
  const after: CpuSnapshot = new Map([
    [11, { kind: 'postgres', seconds: 3 }],
    [12, { kind: 'postgres', seconds: 0.5 }], // a backend opened during the phase
    [20, { kind: 'redis', seconds: 7 }],
  ]);
  assert.deepEqual(cpuMsPer(before, after, 1_000), { total: 1.5, postgres: 1.5 });
});
