// The worker's per-execution PostgreSQL statements, group-committed: the loads, claims and successes of
// the runs in flight go out as one statement each (db/group-commit.ts) instead of one per execution.
// A lone run still gets its statement at once. Failures, refusals and cancellations stay one statement
// per execution: they are rare, and each must be recorded on its own.
import type { Pool } from 'pg';
import { groupCommit } from '../../db/group-commit.ts';
import { claimExecution, claimExecutions, type ClaimExecutionParameters, type ClaimExecutionReturnType, type LoadedExecution, loadExecutions } from './load-execution.ts';
import { recordSuccesses, type RecordSuccessParameters, type RecordSuccessReturnType } from './record-outcome.ts';

export type ExecutionStatements = {
  load: (executionId: string) => Promise<LoadedExecution | null>;
  claim: (parameters: ClaimExecutionParameters) => Promise<ClaimExecutionReturnType>;
  recordSuccess: (parameters: RecordSuccessParameters) => Promise<RecordSuccessReturnType>;
};

/** Under load a statement waits up to 5 ms for company: a claim of 16 executions costs PostgreSQL ~60 µs
 *  each where a lone one costs ~600 µs, and 5 ms is small beside an execution's way from submit to its
 *  receipt's batch. (bench-e2e at 1,000/s: PostgreSQL 0.34 -> 0.27 ms of CPU per execution from 2 ms.) */
export const WORKER_LINGER_MS = 5;

export function groupExecutionStatements(db: Pool, options: { maxItems?: number; lingerMs?: number } = {}): ExecutionStatements {
  const maxItems = options.maxItems ?? 100;
  const lingerMs = options.lingerMs ?? WORKER_LINGER_MS;
  const load = groupCommit({ run: (ids: string[]) => loadExecutions(db, ids), maxItems, lingerMs });
  const claim = groupCommit({ run: (items: ClaimExecutionParameters[]) => claimExecutions(db, items), maxItems, lingerMs });
  const recordSuccess = groupCommit({ run: (items: RecordSuccessParameters[]) => recordSuccesses(db, items), maxItems, lingerMs });
  return {
    load,
    // After a crash, a dead attempt's reservation is released first, in a transaction of its own.
    claim: (parameters) => (parameters.previousReservedWei === 0n ? claim(parameters) : claimExecution(db, parameters)),
    recordSuccess,
  };
}
