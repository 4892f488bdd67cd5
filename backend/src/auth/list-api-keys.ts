// The caller's API keys, newest first, without secrets (there are none to show: only hashes are kept).
import type { Pool } from 'pg';
import type { Principal } from '../api/route.ts';
import { API_KEY_COLUMNS, type ApiKeyRecord, type ApiKeyRow, toApiKeyRecord } from './api-key-record.ts';

/** Revoked and expired keys stay listed (with their status) up to this many keys in all. */
export const API_KEY_LIST_LIMIT = 500;

export async function listApiKeys(db: Pool, principal: Principal, now: Date = new Date()): Promise<{ apiKeys: ApiKeyRecord[] }> {
  const { rows } = await db.query<ApiKeyRow>({
    name: 'auth-list-api-keys',
    text: `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${API_KEY_LIST_LIMIT}`,
    values: [principal.userId],
  });
  return { apiKeys: rows.map((row) => toApiKeyRecord(row, now)) };
}
