// Seals an agent's secrets (third-party API keys in its execution config) with AES-256-GCM. The agent
// id is authenticated data, so a ciphertext copied onto another agent does not open; the format version
// and key id are authenticated too, so neither can be swapped.
//
//   byte 0        format version (1)
//   bytes 1-4     key id (SecretsKey.id)
//   bytes 5-16    IV (random 12 bytes; a fresh one per seal, never reused with the same key)
//   bytes 17-…    ciphertext of the JSON secrets, then the 16-byte GCM tag
import { createCipheriv, randomBytes } from 'node:crypto';
import { SecretsError } from './secrets-error.ts';
import { SECRETS_KEY_ID_BYTES, type SecretsKey } from './secrets-key.ts';

export const SECRETS_FORMAT_VERSION = 1;
export const SECRETS_IV_BYTES = 12;
export const SECRETS_TAG_BYTES = 16;
export const SECRETS_HEADER_BYTES = 1 + SECRETS_KEY_ID_BYTES + SECRETS_IV_BYTES;
/** Names as environment variables spell them. */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
export const MAX_SECRETS = 64;
export const MAX_SECRET_VALUE_BYTES = 16 * 1024;

export type AgentSecrets = Record<string, string>;

export function encryptSecrets(key: SecretsKey, agentId: string, secrets: AgentSecrets): Buffer {
  assertAgentId(agentId);
  assertSecrets(secrets);
  const iv = randomBytes(SECRETS_IV_BYTES);
  const header = Buffer.concat([Buffer.from([SECRETS_FORMAT_VERSION]), key.id, iv]);
  const cipher = createCipheriv('aes-256-gcm', key.bytes(), iv, { authTagLength: SECRETS_TAG_BYTES });
  cipher.setAAD(additionalData(header, agentId));
  // Sorted names: the same secrets always serialise the same way.
  const plaintext = Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(secrets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))), 'utf8');
  return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** What GCM authenticates besides the ciphertext: the header (version, key id, IV) and the agent id. */
export function additionalData(header: Buffer, agentId: string): Buffer {
  return Buffer.concat([Buffer.from('cr8 agent secrets\0', 'utf8'), header.subarray(0, 1 + SECRETS_KEY_ID_BYTES), Buffer.from(agentId, 'utf8')]);
}

export function assertAgentId(agentId: string): void {
  if (typeof agentId !== 'string' || agentId.length === 0 || agentId.length > 200) throw new SecretsError('INVALID_SECRETS', 'secrets are sealed to an agent id (a non-empty string)');
}

export function assertSecrets(secrets: unknown): asserts secrets is AgentSecrets {
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) throw new SecretsError('INVALID_SECRETS', 'secrets are a record of names to strings');
  const entries = Object.entries(secrets);
  if (entries.length > MAX_SECRETS) throw new SecretsError('INVALID_SECRETS', `at most ${MAX_SECRETS} secrets per agent`);
  for (const [name, value] of entries) {
    if (!SECRET_NAME.test(name)) throw new SecretsError('INVALID_SECRETS', `secret name ${JSON.stringify(name.slice(0, 130))} must match ${SECRET_NAME.source}`);
    if (typeof value !== 'string') throw new SecretsError('INVALID_SECRETS', `secret ${name} must be a string`);
    if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_VALUE_BYTES) throw new SecretsError('INVALID_SECRETS', `secret ${name} is larger than ${MAX_SECRET_VALUE_BYTES} bytes`);
  }
}
