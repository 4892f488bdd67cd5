// Lowers this process's CPU priority (raises its nice value). For a throughput service that may share
// cores with latency-sensitive ones: the orchestrator works through a queue and posts batches, so a few
// milliseconds of scheduling delay cost it nothing, while the API's answers wait for every one. On a
// shared machine the scheduler then gives the API the core first (at nice 10 a process weighs ~1/10 of
// a nice-0 one when both want it) and the orchestrator still gets every cycle the API leaves idle.
// Only ever lowers: raising priority again needs privileges, and a process started at a higher nice
// value keeps it. Child processes (the local driver's agents) inherit it.
import { getPriority, setPriority } from 'node:os';

/** Sets this process's nice value to `niceness` (0-19) unless it is already that high or higher; returns
 *  the nice value it runs at. */
export function lowerProcessPriority(niceness: number): number {
  if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) throw new RangeError(`niceness must be an integer from 0 to 19 (got ${niceness})`);
  const current = getPriority();
  if (niceness > current) setPriority(niceness);
  return getPriority();
}
