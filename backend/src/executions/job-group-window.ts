// Which job group a submit statement's executions join, and when a group goes to the queue. The statements
// that start within `windowMs` of each other share one group (up to `maxExecutions`), so the queue gets one
// job for all of them: at 1,000 submits a second a statement carries one or two executions, and a job per
// statement would cost BullMQ's scripts nearly as much as a job per execution.
//
//   const ticket = window.join(executions.length); // the open group's id, recorded on each row
//   try { ...insert...; ticket.add(queued); } finally { ticket.leave(); }
//
// A group stops taking statements once it is `windowMs` old or holds `maxExecutions`; it goes to the queue
// (`flush`) once it has stopped and none of its statements is still in flight, so a job never misses an
// execution of its group. Should the process die before a flush, the executions stay queued in PostgreSQL
// with their group recorded and no job: the orchestrator's reconciler adds their jobs.
import { randomUUID } from 'node:crypto';

export type JobGroupWindowOptions<Execution> = {
  /** How long a group takes statements, from its first (default 10 ms: executions start that much later,
   *  beside receipts batched every second). */
  windowMs?: number;
  /** The most executions a group takes (default 100); a statement that would pass it opens a new group. */
  maxExecutions?: number;
  /** Hands a closed group to the queue; never called with none. Its failures are the caller's to log. */
  flush: (group: { groupId: string; executions: Execution[] }) => void;
  /** Default randomUUID. */
  newId?: () => string;
};

export type JobGroupTicket<Execution> = {
  readonly groupId: string;
  /** The statement's executions that were written (the rest are not queued). */
  add: (executions: readonly Execution[]) => void;
  /** The statement is over, written or not. */
  leave: () => void;
};

export type JobGroupWindow<Execution> = {
  join: (executions: number) => JobGroupTicket<Execution>;
  /** Closes the open group at once (it goes when its statements are over). */
  close: () => void;
};

export const DEFAULT_JOB_GROUP_WINDOW_MS = 10;
export const DEFAULT_JOB_GROUP_MAX_EXECUTIONS = 100;

type Group<Execution> = { id: string; executions: Execution[]; joined: number; inFlight: number; open: boolean; timer: NodeJS.Timeout | undefined };

export function createJobGroupWindow<Execution>(options: JobGroupWindowOptions<Execution>): JobGroupWindow<Execution> {
  const windowMs = options.windowMs ?? DEFAULT_JOB_GROUP_WINDOW_MS;
  const maxExecutions = options.maxExecutions ?? DEFAULT_JOB_GROUP_MAX_EXECUTIONS;
  const newId = options.newId ?? randomUUID;
  if (!(windowMs >= 0)) throw new RangeError(`job group window: windowMs must be at least 0 (got ${windowMs})`);
  if (!Number.isInteger(maxExecutions) || maxExecutions < 1) throw new RangeError(`job group window: maxExecutions must be a positive integer (got ${maxExecutions})`);
  let current: Group<Execution> | undefined;

  const flushIfDone = (group: Group<Execution>) => {
    if (group.open || group.inFlight > 0) return;
    if (group.executions.length > 0) options.flush({ groupId: group.id, executions: group.executions });
  };
  const stop = (group: Group<Execution>) => {
    if (!group.open) return;
    group.open = false;
    clearTimeout(group.timer);
    if (current === group) current = undefined;
    flushIfDone(group);
  };

  return {
    join(executions) {
      if (current && current.joined > 0 && current.joined + executions > maxExecutions) stop(current);
      if (!current) {
        const group: Group<Execution> = { id: newId(), executions: [], joined: 0, inFlight: 0, open: true, timer: undefined };
        group.timer = setTimeout(() => stop(group), windowMs);
        current = group;
      }
      const group = current;
      group.joined += executions;
      group.inFlight += 1;
      if (group.joined >= maxExecutions) stop(group);
      let left = false;
      return {
        groupId: group.id,
        add: (written) => void group.executions.push(...written),
        leave() {
          if (left) return;
          left = true;
          group.inFlight -= 1;
          flushIfDone(group);
        },
      };
    },
    close() {
      if (current) stop(current);
    },
  };
}
