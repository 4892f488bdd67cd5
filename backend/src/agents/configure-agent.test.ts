// Configuring an agent over HTTP and GraphQL: creator only, secrets encrypted (the real AES-256-GCM
// module) and never returned, omitted secrets kept, an empty set clears them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../api/test-api.ts';
import { decryptSecrets } from '../secrets/decrypt-secrets.ts';
import { encryptSecrets } from '../secrets/encrypt-secrets.ts';
import { parseSecretsKey } from '../secrets/secrets-key.ts';
import { agentsModule } from './agents-module.ts';

const key = parseSecretsKey(randomBytes(32).toString('hex'));
let api: TestApi;
let creator: string;
let other: string;
let agent: string;

before(async () => {
  api = await startTestApi([agentsModule({ encryptSecrets: (agentId, secrets) => encryptSecrets(key, agentId, secrets) })]);
  const user = async (byte: string) => (await api.db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [`0x${byte.repeat(20)}`])).rows[0]!.id;
  [creator, other] = [await user('0c'), await user('0d')];
  agent = (await api.db.query<{ id: string }>(`INSERT INTO agents (creator_user_id, creator_address, name, status) VALUES ($1, '0x${'0c'.repeat(20)}', 'c', 'registered') RETURNING id`, [creator])).rows[0]!.id;
});

after(() => api?.close());

async function configure(user: string, body: unknown) {
  const response = await fetch(`${api.url}/api/agents/${agent}/configure`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-user': user }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

async function storedSecrets(): Promise<Record<string, string> | null> {
  const { rows } = await api.db.query<{ encrypted_secrets: Buffer | null }>('SELECT encrypted_secrets FROM agents WHERE id = $1', [agent]);
  return rows[0]!.encrypted_secrets ? decryptSecrets(key, agent, rows[0]!.encrypted_secrets) : null;
}

test('the creator replaces the execution config; secrets are sealed, listed by name, never returned', async () => {
  const first = await configure(creator, { executionConfig: { runtime: 'inference', model: 'llama-3-8b', promptTemplate: 'Summarize: {{input}}', secrets: { HF_TOKEN: 'hf_secret_value' } } });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.executionConfig.model, 'llama-3-8b');
  assert.equal(first.body.executionConfig.maxConcurrent, 4, 'defaults are filled in');
  assert.deepEqual(first.body.secretNames, ['HF_TOKEN']);
  assert.doesNotMatch(JSON.stringify(first.body), /hf_secret_value/);
  assert.deepEqual(await storedSecrets(), { HF_TOKEN: 'hf_secret_value' });

  // Without `secrets` the stored ones stay; an empty object clears them.
  const kept = await configure(creator, { executionConfig: { runtime: 'local', command: ['node', 'agent.js'] } });
  assert.deepEqual([kept.body.executionConfig.runtime, kept.body.secretNames], ['local', ['HF_TOKEN']]);
  assert.deepEqual(await storedSecrets(), { HF_TOKEN: 'hf_secret_value' });
  const cleared = await configure(creator, { executionConfig: { runtime: 'local', command: ['node', 'agent.js'], secrets: {} } });
  assert.deepEqual(cleared.body.secretNames, []);
  assert.equal(await storedSecrets(), null);
});

test('others get 403, bad configs 400, and nothing changes', async () => {
  const before = (await api.db.query('SELECT execution_config, updated_at FROM agents WHERE id = $1', [agent])).rows[0];
  assert.deepEqual([(await configure(other, { executionConfig: { runtime: 'local' } })).body.error.code], ['FORBIDDEN']);
  for (const bad of [{}, { executionConfig: { runtime: 'quantum' } }, { executionConfig: { runtime: 'local', timeoutSeconds: 0 } }, { executionConfig: { runtime: 'local', secrets: { 'bad name': 'x' } } }])
    assert.equal((await configure(creator, bad)).body.error.code, 'INVALID_ARGUMENT', JSON.stringify(bad));
  assert.deepEqual((await api.db.query('SELECT execution_config, updated_at FROM agents WHERE id = $1', [agent])).rows[0], before);
  const graphql = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-user': creator },
    body: JSON.stringify({ query: 'mutation($id: ID!, $c: JSON!) { configureAgent(id: $id, executionConfig: $c) { executionConfig secretNames } }', variables: { id: agent, c: { runtime: 'kubernetes', image: 'ghcr.io/cr8/agent:1' } } }),
  });
  const body = (await graphql.json()) as any;
  assert.equal(body.data.configureAgent.executionConfig.image, 'ghcr.io/cr8/agent:1');
});
