// Lists agents newest first with keyset (cursor) pagination: each page is one index range scan on
// (created_at, id), however deep the page, so the list stays fast at any size.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import { AGENT_COLUMNS, type AgentRecord, type AgentRow, toAgentRecord } from './agent-record.ts';

export const AGENT_STATUSES = ['draft', 'pinned', 'registering', 'registered', 'paused', 'failed'] as const;

export const listAgentsInput = z.object({
  first: z.number().int().min(1).max(100).default(20),
  after: z.string().max(200).optional(),
  status: z.enum(AGENT_STATUSES).optional(),
  creator: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 20-byte hex address')
    .transform((value) => value.toLowerCase())
    .optional(),
});
export type ListAgentsInput = z.input<typeof listAgentsInput>;

export type AgentPage = { agents: AgentRecord[]; endCursor: string | null; hasNextPage: boolean };

const cursorShape = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

export function encodeCursor(agent: { createdAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([agent.createdAt, agent.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError(400, 'INVALID_CURSOR', 'the cursor is not one this API returned');
  }
}

export function parseListAgentsInput(input: unknown): z.output<typeof listAgentsInput> {
  const result = listAgentsInput.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ApiError(400, 'INVALID_ARGUMENT', `${issue.path.join('.') || 'input'}: ${issue.message}`);
}

export async function listAgents(db: Pool, input: ListAgentsInput): Promise<AgentPage> {
  const { first, after, status, creator } = parseListAgentsInput(input);
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (status) conditions.push(`status = $${values.push(status)}`);
  if (creator) conditions.push(`creator_address = $${values.push(creator)}`);
  if (after) {
    const [createdAt, id] = decodeCursor(after);
    conditions.push(`(created_at, id) < ($${values.push(createdAt)}::timestamptz, $${values.push(id)}::uuid)`);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const { rows } = await db.query<AgentRow>({
    name: `list-agents-${status ? 's' : ''}${creator ? 'c' : ''}${after ? 'a' : ''}`,
    text: `SELECT ${AGENT_COLUMNS} FROM agents ${where} ORDER BY created_at DESC, id DESC LIMIT $${values.push(first + 1)}`,
    values,
  });
  const page = rows.slice(0, first).map(toAgentRecord);
  const last = page.at(-1);
  return { agents: page, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null };
}
