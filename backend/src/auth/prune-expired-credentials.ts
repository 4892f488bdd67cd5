// Housekeeping: SIWE nonces an hour past their expiry (used or not: a message that old is refused by
// its issuedAt anyway) and sessions a month past theirs. API keys are kept: their owners list them.
import type { Pool } from 'pg';

export async function pruneExpiredCredentials(db: Pool, now: Date = new Date()): Promise<{ nonces: number; sessions: number }> {
  const nonces = await db.query({ name: 'auth-prune-nonces', text: "DELETE FROM siwe_nonces WHERE expires_at < $1::timestamptz - interval '1 hour'", values: [now] });
  const sessions = await db.query({ name: 'auth-prune-sessions', text: "DELETE FROM sessions WHERE expires_at < $1::timestamptz - interval '30 days'", values: [now] });
  return { nonces: nonces.rowCount ?? 0, sessions: sessions.rowCount ?? 0 };
}
