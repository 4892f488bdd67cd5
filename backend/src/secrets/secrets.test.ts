// Sealing agents' secrets: round trip, tampering, another agent, another key, rotation, key parsing,
// and splitting an execution config so secrets never land in the public part.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { test } from 'node:test';
import fc from 'fast-check';
import { ApiError } from '../api/api-error.ts';
import { loadConfig } from '../service/config.ts';
import { secretsConfigSchema, secretsKeyring } from './config.ts';
import { decryptSecrets, sealedSecretsKeyId } from './decrypt-secrets.ts';
import { encryptSecrets, SECRETS_HEADER_BYTES } from './encrypt-secrets.ts';
import { rotateSecrets } from './rotate-secrets.ts';
import { SecretsError } from './secrets-error.ts';
import { parseSecretsKey, SecretsKey } from './secrets-key.ts';
import { splitExecutionConfig } from './split-execution-config.ts';

const key = new SecretsKey(randomBytes(32));
const otherKey = new SecretsKey(randomBytes(32));
const AGENT = '6f1c0d1e-8a53-4e0b-9a55-0a4b2f1c9d01';
const SECRETS = { OPENAI_API_KEY: 'sk-test-123', ANTHROPIC_KEY: 'ant-ü-✓' };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SecretsError, String(error));
    return error.code;
  }
  assert.fail('expected a SecretsError');
}

test('encryptSecrets/decryptSecrets round-trip with a fresh IV each time, and the plaintext is not in the ciphertext', () => {
  const a = encryptSecrets(key, AGENT, SECRETS);
  const b = encryptSecrets(key, AGENT, SECRETS);
  assert.notDeepEqual(a, b);
  assert.deepEqual(decryptSecrets(key, AGENT, a), SECRETS);
  assert.deepEqual(decryptSecrets([otherKey, key], AGENT, b), SECRETS);
  assert.equal(a.includes(Buffer.from('sk-test-123')), false);
  assert.equal(a[0], 1);
  assert.equal(sealedSecretsKeyId(a), key.id.toString('hex'));
  assert.deepEqual(decryptSecrets(key, AGENT, encryptSecrets(key, AGENT, {})), {});
});

test('any flipped bit, truncation or version change is detected', () => {
  const sealed = encryptSecrets(key, AGENT, SECRETS);
  for (let byte = 0; byte < sealed.length; byte++) {
    const tampered = Buffer.from(sealed);
    tampered[byte]! ^= 1 << byte % 8;
    const failure = code(() => decryptSecrets(key, AGENT, tampered));
    // The version byte and key id are checked before GCM; everything else fails authentication.
    assert.equal(failure, byte === 0 ? 'SECRETS_FORMAT' : byte < 5 ? 'SECRETS_KEY_UNKNOWN' : 'SECRETS_TAMPERED', `byte ${byte}`);
  }
  assert.equal(code(() => decryptSecrets(key, AGENT, sealed.subarray(0, SECRETS_HEADER_BYTES + 15))), 'SECRETS_FORMAT');
  assert.equal(code(() => decryptSecrets(key, AGENT, sealed.subarray(0, sealed.length - 1))), 'SECRETS_TAMPERED');
});

test('a ciphertext moved to another agent does not open', () => {
  const sealed = encryptSecrets(key, AGENT, SECRETS);
  assert.equal(code(() => decryptSecrets(key, '6f1c0d1e-8a53-4e0b-9a55-0a4b2f1c9d02', sealed)), 'SECRETS_TAMPERED');
});

test('the wrong key is refused: unknown id, or the same id forged onto another key', () => {
  const sealed = encryptSecrets(key, AGENT, SECRETS);
  assert.equal(code(() => decryptSecrets(otherKey, AGENT, sealed)), 'SECRETS_KEY_UNKNOWN');
  const impostor = new SecretsKey(randomBytes(32));
  Object.defineProperty(impostor, 'id', { value: key.id });
  assert.equal(code(() => decryptSecrets(impostor, AGENT, sealed)), 'SECRETS_TAMPERED');
});

test('rotateSecrets reseals under the current key and leaves current ciphertexts alone', () => {
  const old = encryptSecrets(otherKey, AGENT, SECRETS);
  const rotated = rotateSecrets({ current: key, previous: [otherKey] }, AGENT, old)!;
  assert.equal(sealedSecretsKeyId(rotated), key.id.toString('hex'));
  assert.deepEqual(decryptSecrets(key, AGENT, rotated), SECRETS);
  assert.equal(rotateSecrets({ current: key, previous: [otherKey] }, AGENT, rotated), null);
});

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_';
const secretName = fc.tuple(fc.constantFrom(...letters), fc.string({ unit: fc.constantFrom(...`${letters}0123456789`), maxLength: 20 })).map(([first, rest]) => first + rest);

test('property: any valid secrets round-trip for any agent id', () => {
  fc.assert(
    fc.property(fc.dictionary(secretName, fc.string({ unit: 'binary', maxLength: 200 }), { maxKeys: 10 }), fc.string({ minLength: 1, maxLength: 60 }), (secrets, agentId) => {
      assert.deepEqual(decryptSecrets(key, agentId, encryptSecrets(key, agentId, secrets)), { ...secrets });
    }),
  );
});

test('invalid secrets are refused before sealing', () => {
  for (const bad of [null, [], 'x', { 'bad name': 'v' }, { OK: 1 }, { OK: 'x'.repeat(16 * 1024 + 1) }, Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`K${i}`, 'v']))])
    assert.equal(code(() => encryptSecrets(key, AGENT, bad as never)), 'INVALID_SECRETS', inspect(bad).slice(0, 40));
  assert.equal(code(() => encryptSecrets(key, '', SECRETS)), 'INVALID_SECRETS');
});

test('parseSecretsKey takes 64 hex or base64 of 32 bytes and refuses short, long or weak keys', () => {
  const bytes = randomBytes(32);
  assert.deepEqual(parseSecretsKey(bytes.toString('hex')).id, new SecretsKey(bytes).id);
  assert.deepEqual(parseSecretsKey(bytes.toString('base64')).id, new SecretsKey(bytes).id);
  assert.deepEqual(parseSecretsKey(bytes.toString('base64url')).id, new SecretsKey(bytes).id);
  for (const bad of ['', 'secret', randomBytes(16).toString('hex'), randomBytes(33).toString('hex'), randomBytes(31).toString('base64'), '00'.repeat(32), 'ab'.repeat(32), '0123456789abcdef'.repeat(4).slice(0, 62) + 'zz'])
    assert.equal(code(() => parseSecretsKey(bad)), 'INVALID_SECRETS_KEY', bad);
  // A key never prints its bytes.
  const parsed = parseSecretsKey(bytes.toString('hex'));
  for (const shown of [inspect(parsed), JSON.stringify({ parsed }), String(parsed), inspect({ nested: { parsed } })]) assert.equal(shown.includes(bytes.toString('hex')), false);
});

test('the config schema parses SECRETS_KEY and SECRETS_PREVIOUS_KEYS and refuses a weak key without echoing it', () => {
  const current = randomBytes(32).toString('hex');
  const previous = randomBytes(32).toString('base64');
  const config = loadConfig('test', secretsConfigSchema, { SECRETS_KEY: current, SECRETS_PREVIOUS_KEYS: ` ${previous} ,` });
  const keyring = secretsKeyring(config)!;
  assert.equal(keyring.previous.length, 1);
  assert.deepEqual(decryptSecrets(keyring.all, AGENT, encryptSecrets(keyring.previous[0]!, AGENT, SECRETS)), SECRETS);
  assert.equal(secretsKeyring(loadConfig('test', secretsConfigSchema, {})), null);
  const weak = 'aa'.repeat(32);
  assert.throws(
    () => loadConfig('test', secretsConfigSchema, { SECRETS_KEY: weak }),
    (error: Error & { issues: Array<{ variable: string }> }) => error.issues[0]!.variable === 'SECRETS_KEY' && !error.message.includes(weak),
  );
  assert.throws(() => loadConfig('test', secretsConfigSchema, { SECRETS_KEY: current, SECRETS_PREVIOUS_KEYS: 'short' }), /SECRETS_PREVIOUS_KEYS: key 1/);
});

test('splitExecutionConfig moves `secrets` and `env` out of the public config', () => {
  const split = splitExecutionConfig({ model: 'gpt', maxTokens: 100, tools: [{ name: 'search' }], secrets: { OPENAI_API_KEY: 'sk-1' }, env: { REGION: 'eu', OPENAI_API_KEY: 'sk-1' } });
  assert.deepEqual(split.publicConfig, { model: 'gpt', maxTokens: 100, tools: [{ name: 'search' }] });
  assert.deepEqual(split.secrets, { OPENAI_API_KEY: 'sk-1', REGION: 'eu' });
  assert.deepEqual(split.secretNames, ['OPENAI_API_KEY', 'REGION']);
  assert.equal(JSON.stringify(split.publicConfig).includes('sk-1'), false);
  assert.deepEqual(splitExecutionConfig({}), { publicConfig: {}, secrets: {}, secretNames: [] });
  const proto = splitExecutionConfig(JSON.parse('{"secrets":{"__proto__":"p","constructor":"c"}}'));
  assert.deepEqual(Object.entries(proto.secrets), [['__proto__', 'p'], ['constructor', 'c']]);
  assert.deepEqual(Object.entries(decryptSecrets(key, AGENT, encryptSecrets(key, AGENT, proto.secrets))), [['__proto__', 'p'], ['constructor', 'c']]);
});

test('splitExecutionConfig refuses bad configs and secrets stored in the clear with a 400 and a path', () => {
  let deep: unknown = { x: 1 };
  for (let i = 0; i < 100; i++) deep = [deep];
  for (const [config, path] of [
    [null, 'executionConfig'],
    [[1], 'executionConfig'],
    [{ secrets: ['x'] }, 'executionConfig.secrets'],
    [{ secrets: { 'not ok': 'x' } }, 'executionConfig.secrets'],
    [{ env: { N: 5 } }, 'executionConfig.env.N'],
    [{ secrets: { K: 'a' }, env: { K: 'b' } }, 'executionConfig.env.K'],
    [{ apiKey: 'sk-live' }, 'executionConfig.apiKey'],
    [{ http: { headers: { Authorization: 'Bearer x' } } }, 'executionConfig.http.headers.Authorization'],
    [{ providers: [{ api_key: 'k' }] }, 'executionConfig.providers.0.api_key'],
    [{ nested: deep }, undefined],
  ] as const) {
    assert.throws(
      () => splitExecutionConfig(config),
      (error: unknown) => error instanceof ApiError && error.status === 400 && error.code === 'INVALID_ARGUMENT' && (path === undefined || (error.details as { issues: Array<{ path: string }> }).issues[0]!.path === path),
      JSON.stringify(config)?.slice(0, 60),
    );
  }
  // Non-string values under secret-looking names (a flag, a count) are not secrets.
  assert.deepEqual(splitExecutionConfig({ token: { limit: 5 }, password: null }).publicConfig, { token: { limit: 5 }, password: null });
});
