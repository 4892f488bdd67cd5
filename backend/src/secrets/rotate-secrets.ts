// Key rotation: reseals a ciphertext under the current key. A job walks agents whose
// encrypted_secrets carry an old key id and writes the result back; until then the previous key stays in
// SECRETS_PREVIOUS_KEYS so those agents keep working.
import { decryptSecrets, sealedSecretsKeyId } from './decrypt-secrets.ts';
import { encryptSecrets } from './encrypt-secrets.ts';
import type { SecretsKey } from './secrets-key.ts';

/** The resealed ciphertext, or null when `sealed` is already under `current`. */
export function rotateSecrets(keyring: { current: SecretsKey; previous: readonly SecretsKey[] }, agentId: string, sealed: Uint8Array): Buffer | null {
  if (sealedSecretsKeyId(sealed) === keyring.current.id.toString('hex')) return null;
  return encryptSecrets(keyring.current, agentId, decryptSecrets([keyring.current, ...keyring.previous], agentId, sealed));
}
