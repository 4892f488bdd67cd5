// Step two of Sign-In with Ethereum: a signed message becomes a session. The message is checked first
// (verify-siwe-message.ts, no database); then one transaction consumes the nonce, creates the user on
// first sign-in and stores the session's hash. A nonce can be consumed once: a replayed message, or two
// racing requests with the same message, find it used (the row lock serialises them) and get
// NONCE_INVALID with nothing written.
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import { createSessionToken, hashToken } from './credential-token.ts';
import { type SiweOptions, verifySiweMessage } from './verify-siwe-message.ts';
import { withTransaction } from '../db/with-transaction.ts';

export type SignInOptions = SiweOptions & { sessionTtlSeconds: number };

export type SignedIn = {
  /** The session token: shown once, only its hash is stored. Send it as `Authorization: Bearer <token>`. */
  token: string;
  sessionId: string;
  expiresAt: string;
  user: { id: string; walletAddress: `0x${string}` };
  /** True when this sign-in created the user. */
  newUser: boolean;
};

export async function signInWithEthereum(db: Pool, input: { message: string; signature: string }, options: SignInOptions, now: Date = new Date()): Promise<SignedIn> {
  const verified = await verifySiweMessage(input, options, now);
  const token = createSessionToken();
  const expiresAt = new Date(now.getTime() + options.sessionTtlSeconds * 1_000);
  return withTransaction(db, async (client) => {
    const consumed = await client.query({
      name: 'auth-consume-nonce',
      text: 'UPDATE siwe_nonces SET used_at = $2 WHERE nonce = $1 AND used_at IS NULL AND expires_at > $2 RETURNING nonce',
      values: [verified.nonce, now],
    });
    if (consumed.rowCount !== 1) throw new ApiError(401, 'NONCE_INVALID', 'the nonce is unknown, expired or already used; request a new one and sign again');
    // `xmax = 0` holds only for a row this statement inserted: the user is new.
    const user = await client.query<{ id: string; created: boolean }>({
      name: 'auth-upsert-user',
      text: `INSERT INTO users (wallet_address) VALUES ($1)
             ON CONFLICT (wallet_address) DO UPDATE SET wallet_address = EXCLUDED.wallet_address
             RETURNING id, (xmax = 0) AS created`,
      values: [verified.address],
    });
    const { id: userId, created } = user.rows[0]!;
    const session = await client.query<{ id: string }>({
      name: 'auth-create-session',
      text: 'INSERT INTO sessions (user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
      values: [userId, hashToken(token), expiresAt, now],
    });
    return { token, sessionId: session.rows[0]!.id, expiresAt: expiresAt.toISOString(), user: { id: userId, walletAddress: verified.address }, newUser: created };
  });
}
