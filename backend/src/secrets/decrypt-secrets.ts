// Opens what encryptSecrets sealed. `keys` is the keyring: the current key and any previous ones kept
// for rotation; the ciphertext's key id picks which.
import { createDecipheriv } from 'node:crypto';
import { type AgentSecrets, additionalData, assertAgentId, SECRETS_FORMAT_VERSION, SECRETS_HEADER_BYTES, SECRETS_IV_BYTES, SECRETS_TAG_BYTES } from './encrypt-secrets.ts';
import { SecretsError } from './secrets-error.ts';
import { SECRETS_KEY_ID_BYTES, type SecretsKey } from './secrets-key.ts';

export function decryptSecrets(keys: SecretsKey | readonly SecretsKey[], agentId: string, sealed: Uint8Array): AgentSecrets {
  assertAgentId(agentId);
  const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (blob.length < SECRETS_HEADER_BYTES + SECRETS_TAG_BYTES) throw new SecretsError('SECRETS_FORMAT', 'the sealed secrets are truncated');
  if (blob[0] !== SECRETS_FORMAT_VERSION) throw new SecretsError('SECRETS_FORMAT', `unknown sealed-secrets format version ${blob[0]}`);
  const keyId = blob.subarray(1, 1 + SECRETS_KEY_ID_BYTES);
  const key = (Array.isArray(keys) ? keys : [keys as SecretsKey]).find((candidate) => candidate.id.equals(keyId));
  if (!key) throw new SecretsError('SECRETS_KEY_UNKNOWN', `the secrets were sealed with key ${keyId.toString('hex')}, which this process does not hold`);

  const header = blob.subarray(0, SECRETS_HEADER_BYTES);
  const iv = header.subarray(1 + SECRETS_KEY_ID_BYTES, 1 + SECRETS_KEY_ID_BYTES + SECRETS_IV_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.bytes(), iv, { authTagLength: SECRETS_TAG_BYTES });
  decipher.setAAD(additionalData(header, agentId));
  decipher.setAuthTag(blob.subarray(blob.length - SECRETS_TAG_BYTES));
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(blob.subarray(SECRETS_HEADER_BYTES, blob.length - SECRETS_TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw new SecretsError('SECRETS_TAMPERED', 'the sealed secrets do not authenticate (altered, or sealed for another agent)', { cause: error });
  }
  // Authenticated bytes are ours, so they are the JSON encryptSecrets wrote.
  return JSON.parse(plaintext.toString('utf8')) as AgentSecrets;
}

/** The id of the key that sealed `sealed` (hex), e.g. to find ciphertexts still on a rotated-out key. */
export function sealedSecretsKeyId(sealed: Uint8Array): string {
  if (sealed.length < SECRETS_HEADER_BYTES) throw new SecretsError('SECRETS_FORMAT', 'the sealed secrets are truncated');
  return Buffer.from(sealed.subarray(1, 1 + SECRETS_KEY_ID_BYTES)).toString('hex');
}
