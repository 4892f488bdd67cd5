// The secrets key from the environment, for the API's (and the execution workers') config schema.
// A malformed or weak key stops the process at start; the error names the variable, never the value.
//   SECRETS_KEY            the current AES-256 key: 64 hex characters or base64 of 32 bytes
//                          (`openssl rand -hex 32`). Optional here so processes that never touch
//                          secrets start without it; whatever seals or opens secrets must require it.
//   SECRETS_PREVIOUS_KEYS  comma-separated keys rotated out but still able to open old ciphertexts.
import { z } from 'zod';
import { parseSecretsKey, type SecretsKey } from './secrets-key.ts';

const secretsKey = z.string().transform((value, context): SecretsKey => {
  try {
    return parseSecretsKey(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

export const secretsConfigSchema = z.object({
  SECRETS_KEY: secretsKey.optional(),
  SECRETS_PREVIOUS_KEYS: z
    .string()
    .default('')
    .transform((value, context): SecretsKey[] => {
      const keys: SecretsKey[] = [];
      for (const [index, part] of value.split(',').map((item) => item.trim()).filter(Boolean).entries()) {
        try {
          keys.push(parseSecretsKey(part));
        } catch (error) {
          context.addIssue({ code: 'custom', message: `key ${index + 1}: ${(error as Error).message}` });
        }
      }
      return keys;
    }),
});

export type SecretsConfig = z.infer<typeof secretsConfigSchema>;

/** The keyring sealing uses (current) and opening accepts (current first, then previous), or null without SECRETS_KEY. */
export function secretsKeyring(config: SecretsConfig): { current: SecretsKey; previous: SecretsKey[]; all: SecretsKey[] } | null {
  if (!config.SECRETS_KEY) return null;
  return { current: config.SECRETS_KEY, previous: config.SECRETS_PREVIOUS_KEYS, all: [config.SECRETS_KEY, ...config.SECRETS_PREVIOUS_KEYS] };
}
