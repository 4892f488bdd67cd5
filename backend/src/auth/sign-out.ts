// Ends the caller's session: revoked in the database (every API process refuses it within its cache
// TTL) and forgotten by this process's cache at once.
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';

export async function signOut(db: Pool, principal: Principal, now: Date = new Date()): Promise<{ signedOut: true; sessionId: string }> {
  if (principal.kind !== 'session') throw new ApiError(403, 'FORBIDDEN', 'sign-out ends a session; revoke an API key with DELETE /api/keys/:id');
  await db.query({
    name: 'auth-sign-out',
    text: 'UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
    values: [principal.credentialId, principal.userId, now],
  });
  return { signedOut: true, sessionId: principal.credentialId };
}
