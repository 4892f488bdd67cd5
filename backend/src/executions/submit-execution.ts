// Submits an execution of a registered agent: validates, records it `queued` (with a usage record and
// the orchestrator that will run it) in one transaction, then hands it to the execution queue. Idempotent
// per caller and key: a retry returns the first execution; the same key with a different input is a
// CONFLICT. PostgreSQL decides what an execution is; the queue only delivers it: should the queue not take
// it (Redis down), the execution stays queued and the orchestrator's reconciler adds its job once Redis is
// back (execution/queue/reconcile-executions.ts), so the caller still gets it as queued.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { getAgent } from '../agents/get-agent.ts';
import type { ExecutionQueue } from './execution-queue.ts';

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
  const agent = await getAgent(deps.db, agentId);
  if (agent.status !== 'registered') throw new ApiError(409, 'CONFLICT', `agent ${agent.id} is ${agent.status}, not registered: it cannot be executed`);
  const canonicalInput = JSON.stringify(body.input ?? null);
  if (Buffer.byteLength(canonicalInput) > MAX_INPUT_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `input is larger than ${MAX_INPUT_BYTES} bytes`);
  const inputHash = `0x${createHash('sha256').update(canonicalInput).digest('hex')}` as const;

  const apiKeyId = principal.kind === 'api_key' ? principal.credentialId : null;
  // The execution and its usage record in one statement (one round trip, atomic): the usage row is
  // written only when the execution row was.
  const inserted = await deps.db.query<{ id: string }>({
    name: 'submit-execution',
    text: `WITH inserted AS (
             INSERT INTO agent_executions (agent_id, user_id, api_key_id, input, input_hash, idempotency_key, cost_wei, orchestrator)
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)
             ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id),
           usage AS (
             INSERT INTO usage_records (user_id, api_key_id, agent_id, execution_id, endpoint)
             SELECT $2, $3, $1, id, 'execute' FROM inserted)
           SELECT id FROM inserted`,
    values: [agent.id, principal.userId, apiKeyId, canonicalInput, inputHash, body.idempotencyKey ?? null, deps.orchestrator ?? null],
  });
  let recorded: { executionId: string; status: string; duplicate: boolean };
  if (inserted.rows[0]) recorded = { executionId: inserted.rows[0].id, status: 'queued', duplicate: false };
  else {
    const existing = await deps.db.query<{ id: string; agent_id: string; input_hash: string; status: string }>(
      'SELECT id, agent_id, input_hash, status FROM agent_executions WHERE user_id = $1 AND idempotency_key = $2',
      [principal.userId, body.idempotencyKey],
    );
    const first = existing.rows[0]!;
    if (first.agent_id !== agent.id || first.input_hash !== inputHash) throw new ApiError(409, 'CONFLICT', 'idempotencyKey was already used for a different agent or input');
    recorded = { executionId: first.id, status: first.status, duplicate: true };
  }
  const { executionId, status, duplicate } = recorded;
  if (!duplicate) {
    try {
      await deps.queue.enqueue({ executionId, agentId: agent.id, onchainAgentId: agent.onchainId, userId: principal.userId, inputHash, feeWei: agent.feePerExecution });
    } catch (error) {
      deps.logger?.warn({ err: error, executionId }, 'the execution queue did not take a submitted execution; the reconciler will add it');
    }
  }
  return { executionId, status, estimatedTime: await estimateSeconds(deps.db, agent.id), duplicate };
}

/** How long an estimate is reused: it moves slowly, and a busy agent is submitted to many times a second. */
const ESTIMATE_TTL_MS = 5_000;
const estimates = new WeakMap<Pool, Map<string, { seconds: number | null; expiresAt: number }>>();

/** Seconds an execution of this agent takes to finish, from its last 100 finished ones (null when none). */
async function estimateSeconds(db: Pool, agentId: string): Promise<number | null> {
  let byAgent = estimates.get(db);
  if (!byAgent) estimates.set(db, (byAgent = new Map()));
  const cached = byAgent.get(agentId);
  if (cached && cached.expiresAt > Date.now()) return cached.seconds;
  const { rows } = await db.query<{ median: number | null }>({
    name: 'execution-estimate',
    text: `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - queued_at)) AS median
           FROM (SELECT finished_at, queued_at FROM agent_executions
                 WHERE agent_id = $1 AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 100) recent`,
    values: [agentId],
  });
  const median = rows[0]?.median;
  const seconds = median === null || median === undefined ? null : Math.max(1, Math.round(median));
  if (byAgent.size > 10_000) byAgent.clear(); // bounded: estimates are cheap to recompute
  byAgent.set(agentId, { seconds, expiresAt: Date.now() + ESTIMATE_TTL_MS });
  return seconds;
}
