// CPU time of the processes on this machine, by kind, from /proc (Linux): what a phase of a benchmark
// cost the whole stack (the API, the orchestrator and its agents, PostgreSQL, Redis, anvil, the load
// generator), not just the process that measures it.
import { readdirSync, readFileSync } from 'node:fs';

export type ProcessKind = 'api' | 'orchestrator' | 'agents' | 'postgres' | 'redis' | 'anvil' | 'loadGenerator' | 'other';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** CPU seconds (user + system) each process of a known kind has used so far, by pid. */
export type CpuSnapshot = Map<number, { kind: ProcessKind; seconds: number }>;

/** Reads every process alive now that `kindOf` names. */
export function cpuSnapshot(kindOf: (pid: number, commandLine: string) => ProcessKind | null): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const pid = Number(entry);
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const kind = kindOf(pid, commandLine);
      if (!kind) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      snapshot.set(pid, { kind, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      // the process ended while being read
    }
  }
  return snapshot;
}

/** CPU milliseconds per unit of work between two snapshots, by kind and in all (kinds that used none
 *  left out). Process by process: one that started in between counts from zero; one that ended in
 *  between is left out, since what it used after the first snapshot can no longer be read. (Comparing
 *  per-kind sums instead subtracted a PostgreSQL backend that closed during the phase, its whole life's
 *  CPU, and could report PostgreSQL near zero.) */
export function cpuMsPer(before: CpuSnapshot, after: CpuSnapshot, units: number): Record<string, number> {
  const used = new Map<ProcessKind, number>();
  for (const [pid, { kind, seconds }] of after) {
    const earlier = before.get(pid);
    const delta = earlier && earlier.kind === kind ? seconds - earlier.seconds : seconds;
    if (delta > 0) used.set(kind, (used.get(kind) ?? 0) + delta);
  }
  const per: Record<string, number> = {};
  let total = 0;
  for (const [kind, seconds] of used) {
    per[kind] = Number(((seconds * 1000) / units).toFixed(3));
    total += seconds;
  }
  return { total: Number(((total * 1000) / units).toFixed(3)), ...per };
}
