// An agent's execution config as a developer submits it, split into what may be stored and shown
// (agents.execution_config) and what must be sealed (agents.encrypted_secrets, via encryptSecrets).
// Secrets live under `secrets` or `env` (both reach the execution by name); a secret-looking field
// anywhere else is refused rather than stored in the clear, so a misplaced API key is caught at submit.
import { ApiError } from '../api/api-error.ts';
import { type AgentSecrets, MAX_SECRET_VALUE_BYTES, MAX_SECRETS, SECRET_NAME } from './encrypt-secrets.ts';

export type SplitExecutionConfig = {
  /** The config without `secrets` and `env`: safe to store as JSON and return. */
  publicConfig: Record<string, unknown>;
  /** Names to values from `secrets` and `env`: seal with encryptSecrets, never return. */
  secrets: AgentSecrets;
  /** The secret names, sorted: what the API may show ("OPENAI_API_KEY is set"). */
  secretNames: string[];
};

export const SECRET_FIELDS = ['secrets', 'env'] as const;

/** Field names that carry credentials when they hold a string (compared without `-`/`_`, any case). */
const SECRET_LOOKING_NAMES = new Set(['apikey', 'secret', 'secretkey', 'clientsecret', 'password', 'passwd', 'token', 'accesstoken', 'authtoken', 'refreshtoken', 'bearertoken', 'privatekey', 'authorization', 'credentials', 'mnemonic']);

/** Throws 400 INVALID_ARGUMENT (with `details.path`) for a config that is not an object, bad secret
 *  names or values, a name given twice with different values, or a secret-looking field outside them. */
export function splitExecutionConfig(config: unknown, path = 'executionConfig'): SplitExecutionConfig {
  if (!isPlainObject(config)) throw invalid(path, 'must be a JSON object');
  // A Map, not an object: a name such as `__proto__` must stay an ordinary entry.
  const secrets = new Map<string, string>();
  for (const field of SECRET_FIELDS) {
    const group = config[field];
    if (group === undefined || group === null) continue;
    if (!isPlainObject(group)) throw invalid(`${path}.${field}`, 'must be an object of names to strings');
    for (const [name, value] of Object.entries(group)) {
      if (!SECRET_NAME.test(name)) throw invalid(`${path}.${field}`, `the name ${JSON.stringify(name.slice(0, 130))} must match ${SECRET_NAME.source}`);
      if (typeof value !== 'string') throw invalid(`${path}.${field}.${name}`, 'must be a string');
      if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_VALUE_BYTES) throw invalid(`${path}.${field}.${name}`, `must be at most ${MAX_SECRET_VALUE_BYTES} bytes`);
      if (secrets.has(name) && secrets.get(name) !== value) throw invalid(`${path}.${field}.${name}`, 'is also given with another value under the other secrets field');
      secrets.set(name, value);
    }
  }
  if (secrets.size > MAX_SECRETS) throw invalid(path, `at most ${MAX_SECRETS} secrets`);
  const publicConfig = Object.fromEntries(Object.entries(config).filter(([field]) => !(SECRET_FIELDS as readonly string[]).includes(field)));
  findSecretLookingField(publicConfig, path);
  return { publicConfig, secrets: Object.fromEntries(secrets) as AgentSecrets, secretNames: [...secrets.keys()].sort() };
}

/** Deeper configs are refused: the walk below recurses, and no real config nests this far. */
const MAX_DEPTH = 32;

function findSecretLookingField(value: unknown, path: string, depth = 0): void {
  if (depth > MAX_DEPTH) throw invalid(path, `nests deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.forEach((item, index) => findSecretLookingField(item, `${path}.${index}`, depth + 1));
  if (!isPlainObject(value)) return;
  for (const [field, inner] of Object.entries(value)) {
    if (typeof inner === 'string' && inner !== '' && SECRET_LOOKING_NAMES.has(field.replace(/[-_]/g, '').toLowerCase()))
      throw invalid(`${path}.${field}`, 'looks like a secret: put it under `secrets` (sealed, never returned) and refer to it by name');
    findSecretLookingField(inner, `${path}.${field}`, depth + 1);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, message: string): ApiError {
  return new ApiError(400, 'INVALID_ARGUMENT', `${path}: ${message}`, { issues: [{ path, message }] });
}
