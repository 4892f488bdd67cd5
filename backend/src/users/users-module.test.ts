// GET /api/users/me and GraphQL `me` over real HTTP, signed in with SIWE against a fresh database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, graphql, newAccount, postJson, signIn, startTestAuthApi, type TestAuthApi } from '../auth/test-auth-api.ts';

let t: TestAuthApi;
before(async () => {
  t = await startTestAuthApi();
});
after(async () => {
  await t?.close();
});

test('me shows the wallet, display name and KYC, with a lapsed verification read as expired', async () => {
  const account = newAccount();
  const { token, body } = await signIn(t.url, account);
  const userId = body.user.id;
  const me = await call(t.url, 'GET', '/api/users/me', token);
  assert.deepEqual({ ...me.body, createdAt: undefined, credential: undefined }, {
    id: userId,
    walletAddress: account.address.toLowerCase(),
    displayName: null,
    kyc: { status: 'none', expiresAt: null },
    activeApiKeys: 0,
    createdAt: undefined,
    credential: undefined,
  });
  assert.ok(Date.now() - Date.parse(me.body.createdAt) < 60_000);

  const future = new Date(Date.now() + 86_400_000);
  await t.db.query("UPDATE users SET display_name = 'Ada', kyc_status = 'verified', kyc_expires_at = $2 WHERE id = $1", [userId, future]);
  assert.deepEqual((await call(t.url, 'GET', '/api/users/me', token)).body.kyc, { status: 'verified', expiresAt: future.toISOString() });

  // Expired by the clock even though the stored status still says verified (the sweep has not run).
  const past = new Date(Date.now() - 1_000);
  await t.db.query('UPDATE users SET kyc_expires_at = $2 WHERE id = $1', [userId, past]);
  const lapsed = await call(t.url, 'GET', '/api/users/me', token);
  assert.deepEqual(lapsed.body.kyc, { status: 'expired', expiresAt: past.toISOString() });
  assert.equal(lapsed.body.displayName, 'Ada');

  const gql = await graphql(t.url, '{ me { id walletAddress displayName kyc { status expiresAt } activeApiKeys credential { kind scopes } } }', {}, token);
  assert.deepEqual(gql.body.data.me, {
    id: userId,
    walletAddress: account.address.toLowerCase(),
    displayName: 'Ada',
    kyc: { status: 'expired', expiresAt: past.toISOString() },
    activeApiKeys: 0,
    credential: { kind: 'session', scopes: ['agents:read', 'agents:write', 'agents:execute', 'analytics:read', 'kyc:write'] },
  });
});

test('activeApiKeys counts keys that are neither revoked nor expired; an API key sees its own scopes', async () => {
  const { token } = await signIn(t.url, newAccount());
  const auth = { authorization: `Bearer ${token}` };
  const keep = (await postJson(t.url, '/api/keys', { name: 'keep', scopes: ['analytics:read'] }, auth)).body;
  const gone = (await postJson(t.url, '/api/keys', { name: 'gone', scopes: ['agents:read'] }, auth)).body;
  const stale = (await postJson(t.url, '/api/keys', { name: 'stale', scopes: ['agents:read'] }, auth)).body;
  await call(t.url, 'DELETE', `/api/keys/${gone.apiKey.id}`, token);
  await t.db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [stale.apiKey.id]);
  assert.equal((await call(t.url, 'GET', '/api/users/me', token)).body.activeApiKeys, 1);
  const byKey = await call(t.url, 'GET', '/api/users/me', keep.key);
  assert.deepEqual(byKey.body.credential, { kind: 'api_key', id: keep.apiKey.id, scopes: ['analytics:read'] });
});

test('anonymous: REST answers 401, GraphQL me is null', async () => {
  const rest = await call(t.url, 'GET', '/api/users/me');
  assert.deepEqual([rest.status, rest.body.error.code], [401, 'UNAUTHENTICATED']);
  assert.deepEqual((await graphql(t.url, '{ me { id } }')).body, { data: { me: null } });
});

test('a user deleted while their credential is cached gets 401, not 500', async () => {
  const { token, body } = await signIn(t.url, newAccount());
  assert.equal((await call(t.url, 'GET', '/api/users/me', token)).status, 200);
  await t.db.query('DELETE FROM users WHERE id = $1', [body.user.id]);
  const gone = await call(t.url, 'GET', '/api/users/me', token);
  assert.deepEqual([gone.status, gone.body.error.code], [401, 'UNAUTHENTICATED']);
});
