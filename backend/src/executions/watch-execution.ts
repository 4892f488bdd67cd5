// An execution as a stream (GraphQL subscription `executionUpdated`): its current state first, then each
// change, ending after the first terminal status (succeeded, failed, cancelled, timed_out). Same access
// as getExecution (its submitter or the agent's creator), checked before the stream starts and on every
// read. Changes are heard on Redis (execution-events.ts) and read from PostgreSQL; a slow poll covers
// updates nobody published (a lost message, Redis down, a writer that does not publish), so the stream is
// always right, at worst late by the poll interval. It ends too when the consumer goes away or `signal`
// aborts (the API shutting down), releasing its Redis subscription and timer.
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { type ExecutionStatus, TERMINAL_STATUSES } from '../execution/worker/load-execution.ts';
import type { ExecutionUpdates } from './execution-events.ts';
import type { ExecutionRecord } from './execution-record.ts';
import { getExecution } from './get-execution.ts';

/** Poll interval when updates are heard on Redis: only a safety net. */
export const DEFAULT_WATCH_POLL_MS = 5_000;
/** Poll interval without Redis (EXECUTION_QUEUE=database). */
export const DEFAULT_WATCH_POLL_MS_WITHOUT_UPDATES = 1_000;

export type WatchExecutionDeps = {
  db: Pool;
  /** Updates published on Redis; without them the stream polls PostgreSQL only. */
  updates?: ExecutionUpdates | null;
  /** Default DEFAULT_WATCH_POLL_MS with updates, DEFAULT_WATCH_POLL_MS_WITHOUT_UPDATES without. */
  pollMs?: number;
  /** Ends every stream (the API shutting down). */
  signal?: AbortSignal;
  logger?: { warn: (object: object, message: string) => void };
};

/** Throws NOT_FOUND / INVALID_ARGUMENT before streaming, like getExecution. */
export async function watchExecution(deps: WatchExecutionDeps, principal: Principal, executionId: string): Promise<AsyncIterableIterator<ExecutionRecord>> {
  await getExecution(deps.db, principal, executionId);
  const stop = new AbortController();
  const signal = deps.signal ? AbortSignal.any([stop.signal, deps.signal]) : stop.signal;
  const stream = run(deps, principal, executionId, signal);
  // An async generator waiting inside (for the next update) would only act on return() once it yields:
  // aborting first wakes it, so a consumer that leaves frees the subscription at once.
  const iterator: AsyncIterableIterator<ExecutionRecord> = {
    next: () => stream.next(),
    return: (value?: unknown) => {
      stop.abort();
      return stream.return(value as undefined);
    },
    throw: (error?: unknown) => {
      stop.abort();
      return stream.throw(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

async function* run(deps: WatchExecutionDeps, principal: Principal, executionId: string, signal: AbortSignal): AsyncGenerator<ExecutionRecord, void, undefined> {
  let dirty = true;
  let wake: (() => void) | undefined;
  const notify = () => {
    dirty = true;
    wake?.();
  };
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  let unlisten = async () => {};
  if (deps.updates) {
    try {
      // Subscribed before the first read, so no change between the two is missed.
      unlisten = await deps.updates.listen(executionId, notify);
    } catch (error) {
      deps.logger?.warn({ err: error, executionId }, 'cannot hear execution updates on Redis; polling');
    }
  }
  const poll = setInterval(notify, deps.pollMs ?? (deps.updates ? DEFAULT_WATCH_POLL_MS : DEFAULT_WATCH_POLL_MS_WITHOUT_UPDATES));
  try {
    let last: string | undefined;
    while (!signal.aborted) {
      if (!dirty) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (signal.aborted) resolve();
        });
        wake = undefined;
        continue;
      }
      dirty = false;
      let record: ExecutionRecord;
      try {
        record = await getExecution(deps.db, principal, executionId);
      } catch (error) {
        if (error instanceof ApiError) return; // gone (or no longer visible): the stream ends
        deps.logger?.warn({ err: error, executionId }, 'could not read an execution for its subscribers; retrying at the next update or poll');
        continue;
      }
      const state = JSON.stringify(record);
      if (state !== last) {
        last = state;
        yield record;
      }
      if (TERMINAL_STATUSES.has(record.status as ExecutionStatus)) return;
    }
  } finally {
    clearInterval(poll);
    signal.removeEventListener('abort', onAbort);
    await unlisten();
  }
}
