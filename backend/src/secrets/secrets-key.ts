// The AES-256 key that seals agents' secrets, parsed once from config. A key carries a short id (the
// first 4 bytes of a SHA-256 over it) that every ciphertext records, so after a rotation the process can
// open old ciphertexts with the previous key and tell an unknown key from tampering.
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { SecretsError } from './secrets-error.ts';

export const SECRETS_KEY_BYTES = 32;
export const SECRETS_KEY_ID_BYTES = 4;
/** Random 32 bytes hold about 30 distinct values; fewer than this means a pattern, not a random key. */
const MIN_DISTINCT_BYTES = 16;

export class SecretsKey {
  /** Recorded in each ciphertext (not secret: 4 bytes of a hash of the key). */
  readonly id: Buffer;
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    if (bytes.length !== SECRETS_KEY_BYTES) throw new SecretsError('INVALID_SECRETS_KEY', `a secrets key is ${SECRETS_KEY_BYTES} bytes, got ${bytes.length}`);
    if (new Set(bytes).size < MIN_DISTINCT_BYTES) throw new SecretsError('INVALID_SECRETS_KEY', 'the secrets key looks weak (repeated bytes); generate one with `openssl rand -hex 32`');
    this.#bytes = Buffer.from(bytes);
    this.id = createHash('sha256').update('cr8 secrets key id\0').update(bytes).digest().subarray(0, SECRETS_KEY_ID_BYTES);
  }
  /** The raw key, for the cipher only. */
  bytes(): Buffer {
    return this.#bytes;
  }
  // A key that ends up in a log line or a JSON dump shows its id, never its bytes.
  toJSON(): string {
    return `[secrets key ${this.id.toString('hex')}]`;
  }
  toString(): string {
    return this.toJSON();
  }
  [inspect.custom](): string {
    return this.toJSON();
  }
}

/** Parses 64 hex characters or base64/base64url of exactly 32 bytes; throws INVALID_SECRETS_KEY otherwise. */
export function parseSecretsKey(text: string): SecretsKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) bytes = Buffer.from(trimmed.replace(/=+$/, ''), 'base64url');
  // Buffer.from(…, 'base64url') also reads '+' and '/', so one decoder covers both alphabets.
  if (!bytes || bytes.length !== SECRETS_KEY_BYTES) throw new SecretsError('INVALID_SECRETS_KEY', 'a secrets key is 32 bytes written as 64 hex characters or 44 base64 characters (`openssl rand -hex 32`)');
  return new SecretsKey(bytes);
}
