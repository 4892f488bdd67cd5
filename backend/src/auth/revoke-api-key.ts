// Revokes one of the caller's API keys. Another user's key reads as NOT_FOUND, exactly like a key that
// does not exist, so ids cannot be probed. A session may revoke any of its user's keys; an API key may
// revoke only itself (a leaked key can be killed with itself, but cannot kill its siblings). Revoking a
// revoked key changes nothing and answers the same.
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { API_KEY_COLUMNS, type ApiKeyRecord, type ApiKeyRow, toApiKeyRecord } from './api-key-record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeApiKey(db: Pool, principal: Principal, id: string, now: Date = new Date()): Promise<{ apiKey: ApiKeyRecord }> {
  if (!UUID.test(id)) throw new ApiError(400, 'INVALID_ARGUMENT', 'id: not an API key id (a UUID)', { issues: [{ path: 'id', message: 'not a UUID' }] });
  if (principal.kind === 'api_key' && principal.credentialId.toLowerCase() !== id.toLowerCase()) throw new ApiError(403, 'FORBIDDEN', 'an API key may revoke only itself; sign in with your wallet to revoke others');
  const { rows } = await db.query<ApiKeyRow>({
    name: 'auth-revoke-api-key',
    text: `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND user_id = $2 RETURNING ${API_KEY_COLUMNS}`,
    values: [id, principal.userId, now],
  });
  if (!rows[0]) throw new ApiError(404, 'NOT_FOUND', `no API key ${id}`);
  return { apiKey: toApiKeyRecord(rows[0], now) };
}
