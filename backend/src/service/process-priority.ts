// Lowers a process's CPU priority (raises its nice value). For a throughput service that may share
// cores with latency-sensitive ones: the orchestrator works through a queue and posts batches, so a few
// milliseconds of scheduling delay cost it nothing, while the API's answers wait for every one. On a
// shared machine the scheduler then gives the API the core first (at nice 10 a thread weighs ~1/10 of
// a nice-0 one when both want it) and the orchestrator still gets every cycle the API leaves idle.
//
// Linux keeps a nice value per thread, and setpriority(PRIO_PROCESS, pid) sets only the thread whose id
// is `pid`: V8's worker threads (parallel scavenges, concurrent marking, compilation), started before
// the process lowers itself, would keep nice 0 and take the cores from the API exactly when the heap is
// busiest (bench-e2e: the orchestrator's 30-50 ms scavenges at nice 0 lined up with 100-270 ms submit
// stalls). So every thread is lowered; threads started later inherit their creator's value.
// Only ever lowers: raising priority again needs privileges, and a process started at a higher nice
// value keeps it. Child processes (the local driver's agents) inherit it.
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Sets every thread of process `pid` (this one by default) to nice `niceness` (0-19) unless it is
 *  already that high or higher; returns the nice value of the process's main thread. */
export function lowerProcessPriority(niceness: number, pid: number = process.pid): number {
  if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) throw new RangeError(`niceness must be an integer from 0 to 19 (got ${niceness})`);
  for (const thread of threadsOf(pid)) {
    try {
      if (niceness > getPriority(thread)) setPriority(thread, niceness);
    } catch (error) {
      // A thread that ended since the listing is no longer there to lower.
      if ((error as { info?: { code?: string } }).info?.code !== 'ESRCH' || thread === pid) throw error;
    }
  }
  return getPriority(pid);
}

/** The ids of the process's threads (/proc/<pid>/task on Linux); elsewhere the process id alone, which
 *  setpriority applies to the whole process. */
function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid];
  }
}
