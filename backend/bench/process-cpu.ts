// CPU time of the processes on this machine, by kind, from /proc (Linux): what a phase of a benchmark
// cost the whole stack (the API, the orchestrator and its agents, PostgreSQL, Redis, anvil, the load
// generator), not just the process that measures it.
import { readdirSync, readFileSync } from 'node:fs';

/** postgresApi / postgresOrchestrator: the PostgreSQL backends serving that service's connections (told
 *  apart by their application_name); postgres: the rest of PostgreSQL (WAL writer, checkpointer, autovacuum,
 *  the benchmark's own queries). */
export type ProcessKind = 'api' | 'orchestrator' | 'agents' | 'postgres' | 'postgresApi' | 'postgresOrchestrator' | 'redis' | 'anvil' | 'loadGenerator' | 'other';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** CPU seconds (user + system) each process of a known kind has used so far, by pid, and when it
 *  started (in clock ticks since boot: a pid reused by another process has another start). */
export type CpuSnapshot = Map<number, { kind: ProcessKind; seconds: number; startedAtTicks: number }>;

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
      snapshot.set(pid, { kind, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, startedAtTicks: Number(fields[19]) });
    } catch {
      // the process ended while being read
    }
  }
  return snapshot;
}

/** CPU milliseconds per unit of work between two snapshots, by kind and in all (kinds that used none
 *  left out). Process by process, by its kind in the later snapshot: one that started in between counts
 *  from zero; one that ended in between is left out, since what it used after the first snapshot can no
 *  longer be read. (Comparing per-kind sums instead subtracted a PostgreSQL backend that closed during
 *  the phase, its whole life's CPU, and could report PostgreSQL near zero.) A process is the same one in
 *  both when its pid and start time are: its kind may be better known later (a PostgreSQL backend is told
 *  apart by its session's application_name, read when the snapshot is taken), and counting a backend
 *  opened before the first snapshot from zero put its whole life in the phase. */
export function cpuMsPer(before: CpuSnapshot, after: CpuSnapshot, units: number): Record<string, number> {
  const used = new Map<ProcessKind, number>();
  for (const [pid, { kind, seconds }] of after) {
    const earlier = before.get(pid);
    const delta = earlier && earlier.startedAtTicks === after.get(pid)!.startedAtTicks ? seconds - earlier.seconds : seconds;
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

/** The machine's CPU time so far, all CPUs together, in ticks: busy (user, nice, system, irq, softirq),
 *  idle (idle, iowait) and steal (taken by the hypervisor for other guests: time this machine's runnable
 *  processes waited for a CPU that was not there, which a benchmark on a shared VM should show). */
export type MachineCpu = { busy: number; idle: number; steal: number };

/** The first line of /proc/stat (`cpu  user nice system idle iowait irq softirq steal ...`). */
export function parseProcStat(text: string): MachineCpu {
  const line = text.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no aggregate cpu line');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if ([user, nice, system, idle, iowait, irq, softirq, steal].some((value) => !Number.isFinite(value))) throw new Error(`/proc/stat: unreadable cpu line: ${line}`);
  return { busy: user! + nice! + system! + irq! + softirq!, idle: idle! + iowait!, steal: steal! };
}

export function machineCpu(): MachineCpu {
  return parseProcStat(readFileSync('/proc/stat', 'utf8'));
}

/** Shares of the machine's CPU time between two readings, in percent (one decimal). */
export function machineCpuShares(before: MachineCpu, after: MachineCpu): { busyPercent: number; stealPercent: number } {
  const busy = after.busy - before.busy;
  const steal = after.steal - before.steal;
  const total = busy + (after.idle - before.idle) + steal;
  const percent = (part: number) => (total > 0 ? Number(((part * 100) / total).toFixed(1)) : 0);
  return { busyPercent: percent(busy), stealPercent: percent(steal) };
}
