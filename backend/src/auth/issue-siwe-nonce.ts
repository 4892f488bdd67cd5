// Step one of Sign-In with Ethereum: a fresh nonce for the client to put in the message it asks the
// wallet to sign. Stored with its expiry; sign-in consumes it once (sign-in-with-ethereum.ts).
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { SiweOptions } from './verify-siwe-message.ts';

export type SiweNonce = { nonce: string; issuedAt: string; expiresAt: string; chainId: number };

export async function issueSiweNonce(db: Pool, options: Pick<SiweOptions, 'nonceTtlSeconds' | 'chainId'>, now: Date = new Date()): Promise<SiweNonce> {
  // 128 random bits as hex: alphanumeric, as EIP-4361 requires.
  const nonce = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + options.nonceTtlSeconds * 1_000);
  await db.query({ name: 'auth-issue-nonce', text: 'INSERT INTO siwe_nonces (nonce, issued_at, expires_at) VALUES ($1, $2, $3)', values: [nonce, now, expiresAt] });
  return { nonce, issuedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), chainId: options.chainId };
}
