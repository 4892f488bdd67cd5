// CPU time of the processes on this machine, by kind, from /proc (Linux): what a phase of a benchmark
// cost the whole stack (the API, the orchestrator and its agents, PostgreSQL, Redis, anvil, the load
// generator), not just the process that measures it.
import { readdirSync, readFileSync } from 'node:fs';

export type ProcessKind = 'api' | 'orchestrator' | 'agents' | 'postgres' | 'redis' | 'anvil' | 'loadGenerator' | 'other';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** Seconds of CPU (user + system) used so far by each kind of process alive now. */
export function cpuSecondsByKind(kindOf: (pid: number, commandLine: string) => ProcessKind | null): Map<ProcessKind, number> {
  const totals = new Map<ProcessKind, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const kind = kindOf(Number(entry), commandLine);
      if (!kind) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals.set(kind, (totals.get(kind) ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // the process ended while being read
    }
  }
  return totals;
}

/** CPU milliseconds per unit of work between two readings, by kind and in all (kinds that used none left out). */
export function cpuMsPer(before: Map<ProcessKind, number>, after: Map<ProcessKind, number>, units: number): Record<string, number> {
  const per: Record<string, number> = {};
  let total = 0;
  for (const [kind, seconds] of after) {
    // A process that started during the phase counts from zero.
    const used = seconds - (before.get(kind) ?? 0);
    if (used <= 0) continue;
    per[kind] = Number(((used * 1000) / units).toFixed(3));
    total += used;
  }
  return { total: Number(((total * 1000) / units).toFixed(3)), ...per };
}
