// Every way sealing or opening an agent's secrets can be refused, with a machine-readable code. None of
// them is the caller's fault in an API request (the ciphertext is ours), so the API lets them surface as
// a logged 500; the messages never include key material or plaintext.
export type SecretsErrorCode =
  /** SECRETS_KEY is not 32 bytes as 64 hex characters or base64, or looks weak (too few distinct bytes). */
  | 'INVALID_SECRETS_KEY'
  /** The secrets to seal are not a flat record of names to strings, or are too large. */
  | 'INVALID_SECRETS'
  /** The ciphertext is too short or has an unknown format version. */
  | 'SECRETS_FORMAT'
  /** The ciphertext was sealed with a key this process does not hold (rotated out or another environment). */
  | 'SECRETS_KEY_UNKNOWN'
  /** Authentication failed: the ciphertext was altered, or belongs to another agent. */
  | 'SECRETS_TAMPERED';

export class SecretsError extends Error {
  override name = 'SecretsError';
  readonly code: SecretsErrorCode;
  constructor(code: SecretsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
