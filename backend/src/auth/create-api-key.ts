// A developer API key: minted only by a signed-in wallet (a session), never by another API key, so a
// leaked key cannot make more. The key is returned once; the database keeps its SHA-256 and its prefix.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import { API_KEY_SCOPES, type Principal } from '../api/route.ts';
import { API_KEY_COLUMNS, type ApiKeyRecord, type ApiKeyRow, toApiKeyRecord } from './api-key-record.ts';
import { createApiKeyToken, hashToken } from './credential-token.ts';

/** Active (unrevoked, unexpired) keys a user may hold at once. */
export const MAX_ACTIVE_API_KEYS = 100;

export const createApiKeyBody = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length * 2),
  /** RFC 3339; the key stops working then. Omit for a key that lasts until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;

export type CreatedApiKey = {
  /** The key itself (`cr8_key_<prefix>_<secret>`): shown this once, store it now. */
  key: string;
  apiKey: ApiKeyRecord;
};

export async function createApiKey(db: Pool, principal: Principal, input: CreateApiKeyInput, now: Date = new Date()): Promise<CreatedApiKey> {
  if (principal.kind !== 'session') throw new ApiError(403, 'FORBIDDEN', 'API keys are created by a signed-in wallet (a SIWE session), not by another API key');
  const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new ApiError(400, 'INVALID_ARGUMENT', 'expiresAt: must be in the future', { issues: [{ path: 'expiresAt', message: 'must be in the future' }] });
  const scopes = [...new Set(input.scopes)];

  // Two attempts: the 48-bit prefix is unique in the table, and a collision is rare but not impossible.
  for (let attempt = 1; ; attempt++) {
    const { token, prefix } = createApiKeyToken();
    try {
      // The active-key cap and the insert are one statement: nothing is written when the cap is reached.
      const { rows } = await db.query<ApiKeyRow>({
        name: 'auth-create-api-key',
        text: `INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, expires_at, created_at)
               SELECT $1, $2, $3, $4, $5, $6, $7
               WHERE (SELECT count(*) FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $7)) < $8
               RETURNING ${API_KEY_COLUMNS}`,
        values: [principal.userId, input.name, prefix, hashToken(token), scopes, expiresAt, now, MAX_ACTIVE_API_KEYS],
      });
      if (!rows[0]) throw new ApiError(409, 'CONFLICT', `you hold ${MAX_ACTIVE_API_KEYS} active API keys; revoke one first`);
      return { key: token, apiKey: toApiKeyRecord(rows[0], now) };
    } catch (error) {
      if (attempt < 2 && (error as { code?: string }).code === '23505') continue;
      throw error;
    }
  }
}
