// The bearer credentials this API issues, and how they are recognised and stored. Both are 32 random
// bytes shown to the caller once; the database keeps only their SHA-256, so a leaked table holds nothing
// usable. The visible prefix says what a token is (and, for API keys, which one) at a glance.
//   session  cr8_session_<43 base64url>                     (a signed-in wallet)
//   API key  cr8_key_<12 hex: the key's listed prefix>_<43 base64url>
import { createHash, randomBytes } from 'node:crypto';

const SESSION_TOKEN = /^cr8_session_[A-Za-z0-9_-]{43}$/;
const API_KEY = /^cr8_key_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export type CredentialToken = { kind: 'session'; token: string } | { kind: 'api_key'; token: string; prefix: string };

export function createSessionToken(): string {
  return `cr8_session_${randomBytes(32).toString('base64url')}`;
}

export function createApiKeyToken(): { token: string; prefix: string } {
  const prefix = randomBytes(6).toString('hex');
  return { token: `cr8_key_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** What the database stores and looks up: SHA-256 of the whole token (a unique, indexed column). */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Recognises a token this API could have issued; null for anything else. */
export function parseCredentialToken(token: string): CredentialToken | null {
  if (SESSION_TOKEN.test(token)) return { kind: 'session', token };
  const key = API_KEY.exec(token);
  if (key) return { kind: 'api_key', token, prefix: key[1]! };
  return null;
}
