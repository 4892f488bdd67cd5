// Lists agents with keyset (cursor) pagination in one of four orders: each page is one index range
// scan ((created_at, id) or (fee_per_execution, id)), however deep the page, so the list stays fast at
// any size. The cursor carries the order it was made for; using it with another order is refused.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import { AGENT_FIELD_SQL, AGENT_FIELDS, type AgentField, type AgentRecord } from './agent-record.ts';

export const AGENT_STATUSES = ['draft', 'pinned', 'registering', 'registered', 'paused', 'failed'] as const;
export const AGENT_ORDERS = ['NEWEST', 'OLDEST', 'FEE_ASC', 'FEE_DESC'] as const;
export type AgentOrder = (typeof AGENT_ORDERS)[number];

export const listAgentsInput = z.object({
  first: z.number().int().min(1).max(100).default(20),
  after: z.string().max(300).optional(),
  status: z.enum(AGENT_STATUSES).optional(),
  creator: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 20-byte hex address')
    .transform((value) => value.toLowerCase())
    .optional(),
  orderBy: z.enum(AGENT_ORDERS).default('NEWEST'),
});
export type ListAgentsInput = z.input<typeof listAgentsInput>;

export type AgentPage<Agent = AgentRecord> = { agents: Agent[]; endCursor: string | null; hasNextPage: boolean };

type SortKey = 'created_at' | 'fee_per_execution';
const ORDER_SQL: Record<AgentOrder, { key: SortKey; field: 'createdAt' | 'feePerExecution'; direction: 'ASC' | 'DESC'; cast: string }> = {
  NEWEST: { key: 'created_at', field: 'createdAt', direction: 'DESC', cast: 'timestamptz' },
  OLDEST: { key: 'created_at', field: 'createdAt', direction: 'ASC', cast: 'timestamptz' },
  FEE_ASC: { key: 'fee_per_execution', field: 'feePerExecution', direction: 'ASC', cast: 'numeric' },
  FEE_DESC: { key: 'fee_per_execution', field: 'feePerExecution', direction: 'DESC', cast: 'numeric' },
};

const cursorShape = z.tuple([z.enum(AGENT_ORDERS), z.string().max(100), z.uuid()]);
const SORT_VALUE: Record<SortKey, RegExp> = {
  created_at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/,
  fee_per_execution: /^(0|[1-9][0-9]{0,77})$/,
};

export function encodeCursor(agent: Pick<AgentRecord, 'id' | 'createdAt' | 'feePerExecution'>, orderBy: AgentOrder = 'NEWEST'): string {
  const value = agent[ORDER_SQL[orderBy].field];
  return Buffer.from(JSON.stringify([orderBy, value, agent.id])).toString('base64url');
}

function decodeCursor(cursor: string, orderBy: AgentOrder): [string, string] {
  let decoded: [AgentOrder, string, string];
  try {
    decoded = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError(400, 'INVALID_CURSOR', 'the cursor is not one this API returned');
  }
  if (decoded[0] !== orderBy) throw new ApiError(400, 'INVALID_CURSOR', `the cursor was made for orderBy ${decoded[0]}, not ${orderBy}`);
  if (!SORT_VALUE[ORDER_SQL[orderBy].key].test(decoded[1])) throw new ApiError(400, 'INVALID_CURSOR', 'the cursor is not one this API returned');
  return [decoded[1], decoded[2]];
}

export function parseListAgentsInput(input: unknown): z.output<typeof listAgentsInput> {
  const result = listAgentsInput.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ApiError(400, 'INVALID_ARGUMENT', `${issue.path.join('.') || 'input'}: ${issue.message}`);
}

/** The list's SQL for one input (exported so a test can check the plan is an index range scan).
 *  `fields` narrows the columns read (GraphQL asks for a few; the id and the sort key always come, for
 *  the cursor): reading and parsing unused columns was most of the list's cost in the API. */
export function listAgentsQuery(input: ListAgentsInput, fields: readonly AgentField[] = AGENT_FIELDS): { name: string; text: string; values: unknown[]; first: number; orderBy: AgentOrder } {
  const { first, after, status, creator, orderBy } = parseListAgentsInput(input);
  const order = ORDER_SQL[orderBy];
  // A bit per field: the statement's name (a prepared statement per connection) depends on the columns.
  let mask = 0;
  for (const field of ['id', order.field, ...fields] as const) mask |= 1 << AGENT_FIELDS.indexOf(field);
  const columns = AGENT_FIELDS.filter((_field, index) => mask & (1 << index)).map((field) => AGENT_FIELD_SQL[field]);
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (status) conditions.push(`status = $${values.push(status)}`);
  if (creator) conditions.push(`creator_address = $${values.push(creator)}`);
  if (after) {
    const [sortValue, id] = decodeCursor(after, orderBy);
    const comparison = order.direction === 'DESC' ? '<' : '>';
    conditions.push(`(agents.${order.key}, id) ${comparison} ($${values.push(sortValue)}::${order.cast}, $${values.push(id)}::uuid)`);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  return {
    name: `list-agents-${orderBy}-${status ? 's' : ''}${creator ? 'c' : ''}${after ? 'a' : ''}-${mask.toString(36)}`,
    text: `SELECT ${columns.join(', ')} FROM agents ${where} ORDER BY agents.${order.key} ${order.direction}, id ${order.direction} LIMIT $${values.push(first + 1)}`,
    values,
    first,
    orderBy,
  };
}

export async function listAgents(db: Pool, input: ListAgentsInput): Promise<AgentPage>;
/** With `fields`, each agent has those fields (and id, createdAt or feePerExecution for the cursor). */
export async function listAgents(db: Pool, input: ListAgentsInput, fields: readonly AgentField[]): Promise<AgentPage<Partial<AgentRecord>>>;
export async function listAgents(db: Pool, input: ListAgentsInput, fields?: readonly AgentField[]): Promise<AgentPage<Partial<AgentRecord>>> {
  const { name, text, values, first, orderBy } = listAgentsQuery(input, fields);
  const { rows } = await db.query<AgentRecord>({ name, text, values });
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return { agents: page, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last, orderBy) : null };
}
