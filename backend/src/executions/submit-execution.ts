// Submits an execution of a registered agent: validates, records it `queued` (with the orchestrator that
// will run it; the execution is its own usage record, see the usage_records view) in one statement, then
// hands it to the execution queue. Concurrent submits share their statements (group commit), so a busy
// API spends one round trip on many of them, and the queue gets the executions of the statements of a few
// milliseconds as one group (one job on BullMQ: job-group-window.ts). Idempotent per caller and key: a
// retry returns the first execution; the same key with a different input is a CONFLICT. PostgreSQL
// decides what an execution is; the queue only delivers it: should the queue not take it (Redis down),
// the execution stays queued and the orchestrator's reconciler adds its job once Redis is back
// (execution/queue/reconcile-executions.ts), so the caller still gets it as queued.
import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { agentIdColumn } from '../agents/get-agent.ts';
import { groupCommit } from '../db/group-commit.ts';
import type { ExecutionQueue, QueuedExecution } from './execution-queue.ts';
import { createJobGroupWindow, type JobGroupWindow } from './job-group-window.ts';

export const MAX_INPUT_BYTES = 32 * 1024;

export const submitExecutionBody = z
  .object({
    input: z.json(),
    idempotencyKey: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
  })
  .strict();
export type SubmitExecutionBody = z.infer<typeof submitExecutionBody>;

export type SubmittedExecution = { executionId: string; status: 'queued' | string; estimatedTime: number | null; duplicate: boolean };

export type SubmitExecutionDeps = {
  db: Pool;
  queue: ExecutionQueue;
  /** The orchestrator that runs this API's executions (ORCHESTRATOR_ADDRESS), recorded on each one. */
  orchestrator?: `0x${string}` | null;
  logger?: { warn: (object: object, message: string) => void };
};

export async function submitExecution(deps: SubmitExecutionDeps, principal: Principal, agentId: string, body: SubmitExecutionBody): Promise<SubmittedExecution> {
  const column = agentIdColumn(agentId); // a malformed id is a 400 before anything is grouped with it
  const canonicalInput = JSON.stringify(body.input ?? null);
  if (Buffer.byteLength(canonicalInput) > MAX_INPUT_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `input is larger than ${MAX_INPUT_BYTES} bytes`);
  const inputHash = `0x${createHash('sha256').update(canonicalInput).digest('hex')}` as const;

  const executionId = randomUUID();
  const written = await insertStatement(deps)({
    id: executionId,
    agent: column === 'id' ? { uuid: agentId.toLowerCase(), onchainId: null } : { uuid: null, onchainId: agentId },
    userId: principal.userId,
    apiKeyId: principal.kind === 'api_key' ? principal.credentialId : null,
    input: canonicalInput,
    inputHash,
    idempotencyKey: body.idempotencyKey ?? null,
    orchestrator: deps.orchestrator ?? null,
  });
  if (!written.agent) throw new ApiError(404, 'NOT_FOUND', `no agent ${agentId}`);
  const agent = written.agent;
  if (agent.status !== 'registered') throw new ApiError(409, 'CONFLICT', `agent ${agent.id} is ${agent.status}, not registered: it cannot be executed`);
  if (!written.inserted) {
    // The caller used this idempotency key before: the first execution is the answer.
    const existing = await deps.db.query<{ id: string; agent_id: string; input_hash: string; status: string }>(
      'SELECT id, agent_id, input_hash, status FROM agent_executions WHERE user_id = $1 AND idempotency_key = $2',
      [principal.userId, body.idempotencyKey],
    );
    const first = existing.rows[0]!;
    if (first.agent_id !== agent.id || first.input_hash !== inputHash) throw new ApiError(409, 'CONFLICT', 'idempotencyKey was already used for a different agent or input');
    return { executionId: first.id, status: first.status, estimatedTime: await estimateOrNull(deps.db, agent.id), duplicate: true };
  }
  // Committed: the execution exists and will run; the statement handed its group to the queue.
  return { executionId, status: 'queued', estimatedTime: await estimateOrNull(deps.db, agent.id), duplicate: false };
}

type NewExecution = {
  id: string;
  /** The agent as the caller named it: its UUID or its on-chain id. */
  agent: { uuid: string; onchainId: null } | { uuid: null; onchainId: string };
  userId: string;
  apiKeyId: string | null;
  /** Canonical JSON text. */
  input: string;
  inputHash: `0x${string}`;
  idempotencyKey: string | null;
  orchestrator: `0x${string}` | null;
};

type Written = {
  /** The agent named (null: no such agent). */
  agent: { id: string; status: string; onchainId: string | null; feePerExecution: string } | null;
  /** False when nothing was written: no agent, not registered, or the idempotency key was used before. */
  inserted: boolean;
};

// The API's submits are group-committed (db/group-commit.ts): the submits that arrive while one
// statement is in flight are written by the next, together.
// Under load a submit waits up to 1 ms for others to share its statement: a one-row insert costs
// PostgreSQL ~240 µs, an eight-row one ~60 µs a row (measured), and 1 ms is small beside a round trip.
const SUBMIT_LINGER_MS = 1;
// Two statements at once: the next group need not wait for the one in flight to commit (its WAL flush),
// and PostgreSQL flushes their commits together. bench-e2e at 1,000/s: submit p99 25-26 ms over two runs
// (29-37 ms over four with one at a time), the median second's p99 20 ms (23-24).
const SUBMIT_STATEMENTS_IN_FLIGHT = 2;
/** Per queue: its insert statement per pool, their job group windows, and the group handoffs not yet answered. */
type QueueState = { inserts: WeakMap<Pool, (execution: NewExecution) => Promise<Written>>; windows: Set<JobGroupWindow<QueuedExecution>>; handoffs: Set<Promise<void>> };
const byQueue = new WeakMap<ExecutionQueue, QueueState>();

function insertStatement(deps: SubmitExecutionDeps): (execution: NewExecution) => Promise<Written> {
  const { db, queue } = deps;
  let state = byQueue.get(queue);
  if (!state) byQueue.set(queue, (state = { inserts: new WeakMap(), windows: new Set(), handoffs: new Set() }));
  let insert = state.inserts.get(db);
  if (!insert) {
    const { handoffs } = state;
    // The callers do not wait for Redis (PostgreSQL decides; should the queue not take a group, the
    // reconciler adds each of its executions' jobs later).
    const groups = createJobGroupWindow<QueuedExecution>({
      flush: (group) => {
        const handoff = queue.enqueue(group).catch((error: unknown) => {
          deps.logger?.warn({ err: error, groupId: group.groupId, executions: group.executions.length }, 'the execution queue did not take submitted executions; the reconciler will add them');
        });
        handoffs.add(handoff);
        void handoff.finally(() => handoffs.delete(handoff));
      },
    });
    state.windows.add(groups);
    insert = groupCommit({ run: (executions: NewExecution[]) => insertInGroup(db, groups, executions), lingerMs: SUBMIT_LINGER_MS, maxInFlight: SUBMIT_STATEMENTS_IN_FLIGHT });
    state.inserts.set(db, insert);
  }
  return insert;
}

/** For a graceful stop, once no submit can arrive (the HTTP server is closed) and before `queue` closes:
 *  hands the open job groups to the queue now instead of at their window's end, and resolves once every
 *  handoff is answered (taken, or failed and logged). Otherwise the last milliseconds' executions would
 *  wait for the orchestrator's reconciler. */
export async function handOffSubmittedGroups(queue: ExecutionQueue): Promise<void> {
  const state = byQueue.get(queue);
  if (!state) return;
  for (const window of state.windows) window.close();
  await Promise.all([...state.handoffs]);
}

/** One statement's executions, recorded in the open job group, which takes those written. A statement
 *  that fails writes nothing: group commit tries each execution again alone, each joining the group then open. */
async function insertInGroup(db: Pool, groups: JobGroupWindow<QueuedExecution>, executions: readonly NewExecution[]): Promise<Written[]> {
  const ticket = groups.join(executions.length);
  try {
    const written = await insertExecutions(db, executions, ticket.groupId);
    ticket.add(
      written.flatMap((result, index) => {
        const execution = executions[index]!;
        if (!result.inserted || !result.agent) return [];
        const agent = result.agent;
        return [{ executionId: execution.id, agentId: agent.id, onchainAgentId: agent.onchainId, userId: execution.userId, inputHash: execution.inputHash, feeWei: agent.feePerExecution }];
      }),
    );
    return written;
  } finally {
    ticket.leave();
  }
}

/** Looks up each execution's agent and records the execution `queued` if the agent is registered, in one
 *  statement.
 *  An execution whose caller already used its idempotency key is not written. Each is recorded as of
 *  the job group `groupId`. */
async function insertExecutions(db: Pool, executions: readonly NewExecution[], groupId: string): Promise<Written[]> {
  const { rows } = await db.query<{ ord: string; agent_id: string | null; agent_status: string | null; onchain_id: string | null; fee_per_execution: string | null; inserted: boolean }>({
    name: 'submit-executions',
    text: `WITH input AS (
             SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[])
               WITH ORDINALITY AS i(id, agent_uuid, agent_onchain_id, user_id, api_key_id, input, input_hash, idempotency_key, orchestrator, ord)
           ), named AS (
             SELECT i.*, a.id AS agent_id, a.status AS agent_status, a.onchain_id, a.fee_per_execution
             FROM input i JOIN agents a ON a.id = i.agent_uuid
             UNION ALL
             SELECT i.*, a.id, a.status, a.onchain_id, a.fee_per_execution
             FROM input i JOIN agents a ON a.onchain_id = i.agent_onchain_id
           ), keyed AS (
             INSERT INTO agent_executions (id, agent_id, user_id, api_key_id, input, input_hash, idempotency_key, cost_wei, orchestrator, job_group)
             SELECT id, agent_id, user_id, api_key_id, input::jsonb, input_hash, idempotency_key, NULL, orchestrator, $10::uuid
             -- in key order: two statements in flight that both hold a retried key wait for each other in
             -- the same order, never crosswise (a deadlock, which the group would survive only by
             -- retrying each submit alone after deadlock_timeout)
             FROM named WHERE agent_status = 'registered' AND idempotency_key IS NOT NULL ORDER BY user_id, idempotency_key, ord
             ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id
           ), unkeyed AS (
             -- Without a key nothing can conflict: a plain insert (ON CONFLICT inserts every row
             -- speculatively, which costs a second WAL record per row to confirm it)
             INSERT INTO agent_executions (id, agent_id, user_id, api_key_id, input, input_hash, idempotency_key, cost_wei, orchestrator, job_group)
             SELECT id, agent_id, user_id, api_key_id, input::jsonb, input_hash, NULL, NULL, orchestrator, $10::uuid
             FROM named WHERE agent_status = 'registered' AND idempotency_key IS NULL
             RETURNING id
           ), inserted AS (
             SELECT id FROM keyed UNION ALL SELECT id FROM unkeyed
           )
           SELECT i.ord::text AS ord, n.agent_id, n.agent_status::text AS agent_status, n.onchain_id::text AS onchain_id,
                  n.fee_per_execution::text AS fee_per_execution, EXISTS (SELECT 1 FROM inserted WHERE inserted.id = i.id) AS inserted
           FROM input i LEFT JOIN named n ON n.ord = i.ord`,
    values: [
      executions.map((execution) => execution.id),
      executions.map((execution) => execution.agent.uuid),
      executions.map((execution) => execution.agent.onchainId),
      executions.map((execution) => execution.userId),
      executions.map((execution) => execution.apiKeyId),
      executions.map((execution) => execution.input),
      executions.map((execution) => execution.inputHash),
      executions.map((execution) => execution.idempotencyKey),
      executions.map((execution) => execution.orchestrator),
      groupId,
    ],
  });
  const written: Written[] = new Array(executions.length);
  for (const row of rows) {
    written[Number(row.ord) - 1] = {
      agent: row.agent_id === null ? null : { id: row.agent_id, status: row.agent_status!, onchainId: row.onchain_id, feePerExecution: row.fee_per_execution! },
      inserted: row.inserted,
    };
  }
  return written;
}

/** The estimate, or null when it cannot be had: the execution is already queued by then, and a submit
 *  must not answer 500 for a row it wrote. */
const estimateOrNull = (db: Pool, agentId: string) => estimateSeconds(db, agentId).catch(() => null);

/** How long an estimate is used before it is refreshed: it moves slowly, and a busy agent is submitted to
 *  many times a second. */
const ESTIMATE_TTL_MS = 5_000;
type Estimate = { seconds: Promise<number | null>; refreshAfter: number; refreshing: boolean };
const estimates = new WeakMap<Pool, Map<string, Estimate>>();

/** Seconds an execution of this agent takes to finish, from its last 100 finished ones (null when none).
 *  One query per agent at a time: submits that arrive while it runs share it instead of each sending
 *  their own (at 1,000 submits/s a few-ms query would otherwise go out several times for every expiry).
 *  Only an agent's first submit waits for it: later, an estimate past its age is still the answer while
 *  its replacement is queried (refresh ahead), so a busy agent's submits never queue behind the query. */
export function estimateSeconds(db: Pool, agentId: string): Promise<number | null> {
  let byAgent = estimates.get(db);
  if (!byAgent) estimates.set(db, (byAgent = new Map()));
  const cached = byAgent.get(agentId);
  if (cached) {
    if (!cached.refreshing && cached.refreshAfter <= Date.now()) {
      cached.refreshing = true;
      const next = queryEstimate(db, agentId);
      next.then(
        () => byAgent.get(agentId) === cached && byAgent.set(agentId, { seconds: next, refreshAfter: Date.now() + ESTIMATE_TTL_MS, refreshing: false }),
        () => (cached.refreshing = false), // kept; the next submit tries again
      );
    }
    return cached.seconds;
  }
  const seconds = queryEstimate(db, agentId);
  if (byAgent.size > 10_000) byAgent.clear(); // bounded: estimates are cheap to recompute
  const entry: Estimate = { seconds, refreshAfter: Date.now() + ESTIMATE_TTL_MS, refreshing: false };
  byAgent.set(agentId, entry);
  // A failed first query is not remembered: the next submit asks again.
  seconds.catch(() => {
    if (byAgent.get(agentId) === entry) byAgent.delete(agentId);
  });
  return seconds;
}

function queryEstimate(db: Pool, agentId: string): Promise<number | null> {
  return db
    .query<{ median: number | null }>({
      name: 'execution-estimate',
      text: `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - queued_at)) AS median
             FROM (SELECT finished_at, queued_at FROM agent_executions
                   WHERE agent_id = $1 AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 100) recent`,
      values: [agentId],
    })
    .then(({ rows }) => {
      const median = rows[0]?.median;
      return median === null || median === undefined ? null : Math.max(1, Math.round(median));
    });
}
