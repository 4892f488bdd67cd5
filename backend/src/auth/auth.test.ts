// Sign-In with Ethereum, sessions, API keys and the authenticator, over real HTTP against a fresh
// PostgreSQL database, signing with viem local accounts the way a wallet does.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createSiweMessage } from 'viem/siwe';
import { API_KEY_SCOPES } from '../api/route.ts';
import { CR8_L3_CHAIN_ID } from './config.ts';
import { call, graphql, newAccount, postJson, signIn, siweMessage, startTestAuthApi, type TestAuthApi, TEST_DOMAIN } from './test-auth-api.ts';

let t: TestAuthApi;
before(async () => {
  t = await startTestAuthApi();
});
after(async () => {
  await t?.close();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const sessions = async () => Number((await t.db.query('SELECT count(*) FROM sessions')).rows[0].count);

async function signedBody(account = newAccount(), fields = {}) {
  const message = await siweMessage(t.url, account, fields);
  return { account, message, signature: await account.signMessage({ message }) };
}

describe('Sign-In with Ethereum', () => {
  test('a wallet signs in, gets a session shown once, and /api/users/me answers for it', async () => {
    const account = newAccount();
    const nonce = await postJson(t.url, '/api/auth/nonce', {});
    assert.equal(nonce.status, 200);
    assert.match(nonce.body.nonce, /^[0-9a-f]{32}$/);
    assert.equal(nonce.body.chainId, CR8_L3_CHAIN_ID);
    assert.equal(nonce.headers.get('cache-control'), 'no-store');

    const message = createSiweMessage({ address: account.address, chainId: CR8_L3_CHAIN_ID, domain: TEST_DOMAIN, nonce: nonce.body.nonce, uri: `http://${TEST_DOMAIN}`, version: '1' });
    const signedIn = await postJson(t.url, '/api/auth/siwe', { message, signature: await account.signMessage({ message }) });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.match(signedIn.body.token, /^cr8_session_[A-Za-z0-9_-]{43}$/);
    assert.equal(signedIn.body.newUser, true);
    assert.equal(signedIn.body.user.walletAddress, account.address.toLowerCase());
    assert.equal(signedIn.headers.get('cache-control'), 'no-store');

    // Only the hash is stored; the user is created with the lower-case address.
    const stored = await t.db.query('SELECT s.token_hash, s.expires_at, u.wallet_address FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.id = $1', [signedIn.body.user.id]);
    assert.equal(stored.rows.length, 1);
    assert.deepEqual(stored.rows[0].token_hash, sha256(signedIn.body.token));
    assert.equal(stored.rows[0].wallet_address, account.address.toLowerCase());
    assert.ok(Math.abs(stored.rows[0].expires_at.getTime() - (Date.now() + 3_600_000)) < 60_000);

    const me = await call(t.url, 'GET', '/api/users/me', signedIn.body.token);
    assert.equal(me.status, 200);
    assert.equal(me.body.walletAddress, account.address.toLowerCase());
    assert.deepEqual(me.body.kyc, { status: 'none', expiresAt: null });
    assert.equal(me.body.credential.kind, 'session');
    assert.deepEqual(me.body.credential.scopes, [...API_KEY_SCOPES]);
    assert.equal(me.body.activeApiKeys, 0);

    const gql = await graphql(t.url, '{ me { id walletAddress kyc { status } credential { kind } } }', {}, signedIn.body.token);
    assert.deepEqual(gql.body.data.me, { id: me.body.id, walletAddress: account.address.toLowerCase(), kyc: { status: 'none' }, credential: { kind: 'session' } });

    // Signing in again finds the same user.
    const again = await signIn(t.url, account);
    assert.equal(again.body.newUser, false);
    assert.equal(again.body.user.id, me.body.id);
  });

  test('a replayed message is NONCE_INVALID and writes nothing; racing replays get one session', async () => {
    const body = await signedBody();
    assert.equal((await postJson(t.url, '/api/auth/siwe', body)).status, 200);
    const before = await sessions();
    const replay = await postJson(t.url, '/api/auth/siwe', body);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.code, 'NONCE_INVALID');
    assert.equal(await sessions(), before);

    const raced = await signedBody();
    const results = await Promise.all(Array.from({ length: 8 }, () => postJson(t.url, '/api/auth/siwe', { message: raced.message, signature: raced.signature })));
    assert.deepEqual(results.map((result) => result.status).sort(), [200, 401, 401, 401, 401, 401, 401, 401]);
    assert.ok(results.filter((result) => result.status === 401).every((result) => result.body.error.code === 'NONCE_INVALID'));
  });

  test('unknown and expired nonces are NONCE_INVALID', async () => {
    const account = newAccount();
    const unknown = createSiweMessage({ address: account.address, chainId: CR8_L3_CHAIN_ID, domain: TEST_DOMAIN, nonce: 'abcdef0123456789', uri: `http://${TEST_DOMAIN}`, version: '1' });
    const a = await postJson(t.url, '/api/auth/siwe', { message: unknown, signature: await account.signMessage({ message: unknown }) });
    assert.equal(a.body.error.code, 'NONCE_INVALID');

    await t.db.query("INSERT INTO siwe_nonces (nonce, issued_at, expires_at) VALUES ('expirednonce0001', now() - interval '20 minutes', now() - interval '10 minutes')");
    const stale = createSiweMessage({ address: account.address, chainId: CR8_L3_CHAIN_ID, domain: TEST_DOMAIN, nonce: 'expirednonce0001', uri: `http://${TEST_DOMAIN}`, version: '1' });
    const b = await postJson(t.url, '/api/auth/siwe', { message: stale, signature: await account.signMessage({ message: stale }) });
    assert.equal(b.status, 401);
    assert.equal(b.body.error.code, 'NONCE_INVALID');
  });

  test('expired, not-yet-valid and stale messages are MESSAGE_EXPIRED, and leave the nonce usable', async () => {
    const account = newAccount();
    const now = Date.now();
    for (const fields of [{ expirationTime: new Date(now - 1_000) }, { notBefore: new Date(now + 60_000) }, { issuedAt: new Date(now - 11 * 60_000) }, { issuedAt: new Date(now + 10 * 60_000) }]) {
      const message = await siweMessage(t.url, account, fields);
      const result = await postJson(t.url, '/api/auth/siwe', { message, signature: await account.signMessage({ message }) });
      assert.equal(result.status, 401, JSON.stringify(fields));
      assert.equal(result.body.error.code, 'MESSAGE_EXPIRED', JSON.stringify(fields));
      // Nothing was consumed: the same nonce still signs in with a valid message.
      const nonce = /Nonce: (\w+)/.exec(message)![1]!;
      const fixed = createSiweMessage({ address: account.address, chainId: CR8_L3_CHAIN_ID, domain: TEST_DOMAIN, nonce, uri: `http://${TEST_DOMAIN}`, version: '1' });
      assert.equal((await postJson(t.url, '/api/auth/siwe', { message: fixed, signature: await account.signMessage({ message: fixed }) })).status, 200);
    }
    // A message with a future expiry is fine.
    await signIn(t.url, account, { expirationTime: new Date(now + 60_000) });
  });

  test('a wrong domain, chain id or URI scheme is INVALID_ARGUMENT naming the field', async () => {
    const account = newAccount();
    for (const [fields, field] of [
      [{ domain: 'evil.example' }, 'domain'],
      [{ domain: '127.0.0.1:4001' }, 'domain'],
      [{ chainId: 1 }, 'chainId'],
      [{ chainId: 8453 }, 'chainId'],
      [{ uri: 'ftp://127.0.0.1:4000/' }, 'uri'],
      [{ scheme: 'ftp' }, 'scheme'],
    ] as const) {
      const message = await siweMessage(t.url, account, fields);
      const result = await postJson(t.url, '/api/auth/siwe', { message, signature: await account.signMessage({ message }) });
      assert.equal(result.status, 400, JSON.stringify(fields));
      assert.equal(result.body.error.code, 'INVALID_ARGUMENT');
      assert.equal(result.body.error.details.field, field);
    }
  });

  test('a signature by another key is INVALID_SIGNATURE and consumes nothing', async () => {
    const account = newAccount();
    const message = await siweMessage(t.url, account);
    const forged = await postJson(t.url, '/api/auth/siwe', { message, signature: await newAccount().signMessage({ message }) });
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.code, 'INVALID_SIGNATURE');
    // A signature over another message, too.
    const other = await postJson(t.url, '/api/auth/siwe', { message, signature: await account.signMessage({ message: `${message}.` }) });
    assert.equal(other.body.error.code, 'INVALID_SIGNATURE');
    assert.equal((await postJson(t.url, '/api/auth/siwe', { message, signature: await account.signMessage({ message }) })).status, 200);
  });

  test('garbage messages, signatures and bodies are 4xx with a code and write nothing', async () => {
    const { message, signature } = await signedBody();
    const before = await sessions();
    for (const [body, code] of [
      [{ message: 'hello', signature }, 'INVALID_ARGUMENT'],
      [{ message, signature: '0x' }, 'INVALID_ARGUMENT'],
      [{ message, signature: 'deadbeef' }, 'INVALID_ARGUMENT'],
      [{ message, signature: `0x${'00'.repeat(65)}` }, 'INVALID_SIGNATURE'],
      [{ message, signature: `0x${'ff'.repeat(65)}` }, 'INVALID_SIGNATURE'],
      [{ message, signature: `0x${'12'.repeat(64)}` }, 'INVALID_SIGNATURE'],
      [{ message, signature: '0x123' }, 'INVALID_ARGUMENT'],
      [{ message: message.replace(/0x[0-9a-fA-F]{40}/, '0x1234'), signature }, 'INVALID_ARGUMENT'],
      [{ message: message.replace(/Issued At: .*/, 'Issued At: yesterday'), signature }, 'INVALID_ARGUMENT'],
      [{ message: message.replace(/Version: 1/, 'Version: 2'), signature }, 'INVALID_ARGUMENT'],
      [{ message: '', signature }, 'INVALID_ARGUMENT'],
      [{ message: 'x'.repeat(9_000), signature }, 'INVALID_ARGUMENT'],
      [{ message: 42, signature }, 'INVALID_ARGUMENT'],
      [{ signature }, 'INVALID_ARGUMENT'],
      [[], 'INVALID_ARGUMENT'],
      [null, 'INVALID_ARGUMENT'],
    ] as const) {
      const result = await postJson(t.url, '/api/auth/siwe', body);
      assert.ok(result.status >= 400 && result.status < 500, `${JSON.stringify(body).slice(0, 80)} → ${result.status}`);
      assert.equal(result.body.error.code, code, JSON.stringify(body).slice(0, 80));
    }
    const notJson = await fetch(`${t.url}/api/auth/siwe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":' });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as any).error.code, 'BAD_REQUEST');
    assert.equal(await sessions(), before);
  });

  test('sign-out revokes the session at once; an API key cannot sign out', async () => {
    const { token } = await signIn(t.url, newAccount());
    assert.equal((await call(t.url, 'GET', '/api/users/me', token)).status, 200);
    const out = await call(t.url, 'POST', '/api/auth/logout', token);
    assert.deepEqual(out, { status: 200, headers: out.headers, body: { signedOut: true } });
    const after = await call(t.url, 'GET', '/api/users/me', token);
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'UNAUTHENTICATED');
    assert.match(after.body.error.message, /signed out/);
    assert.equal((await call(t.url, 'POST', '/api/auth/logout')).status, 401);

    const session = (await signIn(t.url, newAccount())).token;
    const key = await postJson(t.url, '/api/keys', { name: 'ci', scopes: ['agents:read'] }, { authorization: `Bearer ${session}` });
    const byKey = await call(t.url, 'POST', '/api/auth/logout', key.body.key);
    assert.equal(byKey.status, 403);
    assert.equal(byKey.body.error.code, 'FORBIDDEN');
  });

  test('GraphQL siweNonce → signIn → me → signOut, with coded errors', async () => {
    const account = newAccount();
    const nonce = await graphql(t.url, 'mutation { siweNonce { nonce chainId expiresAt } }');
    assert.equal(nonce.body.data.siweNonce.chainId, CR8_L3_CHAIN_ID);
    const message = createSiweMessage({ address: account.address, chainId: CR8_L3_CHAIN_ID, domain: TEST_DOMAIN, nonce: nonce.body.data.siweNonce.nonce, uri: `http://${TEST_DOMAIN}`, version: '1' });
    const signature = await account.signMessage({ message });
    const signedIn = await graphql(t.url, 'mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token newUser user { walletAddress } } }', { m: message, s: signature });
    assert.equal(signedIn.body.data.signIn.user.walletAddress, account.address.toLowerCase());
    const token = signedIn.body.data.signIn.token;
    const replay = await graphql(t.url, 'mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }', { m: message, s: signature });
    assert.equal(replay.body.errors[0].extensions.code, 'NONCE_INVALID');
    const garbage = await graphql(t.url, 'mutation { signIn(message: "nope", signature: "0x00") { token } }');
    assert.equal(garbage.body.errors[0].extensions.code, 'INVALID_ARGUMENT');
    assert.equal((await graphql(t.url, '{ me { id } }')).body.data.me, null);
    assert.equal((await graphql(t.url, 'mutation { signOut }', {}, token)).body.data.signOut, true);
    const afterOut = await graphql(t.url, '{ me { id } }', {}, token);
    assert.equal(afterOut.status, 401);
  });
});

describe('API keys', () => {
  let session: string;
  before(async () => {
    session = (await signIn(t.url, newAccount())).token;
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  test('a key is shown once, only its hash is stored, and listings never show it', async () => {
    const created = await postJson(t.url, '/api/keys', { name: '  ci runner ', scopes: ['agents:read', 'agents:read', 'analytics:read'] }, auth(session));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const { key, apiKey } = created.body;
    assert.match(key, /^cr8_key_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    assert.equal(key.slice(8, 20), apiKey.prefix);
    assert.deepEqual({ ...apiKey, id: undefined, createdAt: undefined }, { id: undefined, createdAt: undefined, name: 'ci runner', prefix: apiKey.prefix, scopes: ['agents:read', 'analytics:read'], status: 'active', expiresAt: null, revokedAt: null, lastUsedAt: null, usageCount: 0 });

    const row = await t.db.query('SELECT *, row_to_json(api_keys)::text AS everything FROM api_keys WHERE id = $1', [apiKey.id]);
    assert.deepEqual(row.rows[0].key_hash, sha256(key));
    const secret = key.slice(21);
    assert.equal(row.rows[0].everything.includes(secret), false);
    assert.equal(row.rows[0].everything.includes(key), false);

    const list = await call(t.url, 'GET', '/api/keys', session);
    assert.equal(list.status, 200);
    const listed = list.body.apiKeys.find((item: { id: string }) => item.id === apiKey.id);
    assert.deepEqual(listed, apiKey);
    assert.equal(JSON.stringify(list.body).includes(secret), false);
    assert.equal(t.logs.join('').includes(secret), false);
    assert.equal((await call(t.url, 'GET', '/api/users/me', session)).body.activeApiKeys >= 1, true);
  });

  test('only a session creates keys; bad names, scopes and expiries are 400', async () => {
    const key = (await postJson(t.url, '/api/keys', { name: 'k', scopes: ['agents:read'] }, auth(session))).body.key;
    const byKey = await postJson(t.url, '/api/keys', { name: 'child', scopes: ['agents:read'] }, auth(key));
    assert.equal(byKey.status, 403);
    assert.equal(byKey.body.error.code, 'FORBIDDEN');
    assert.equal((await postJson(t.url, '/api/keys', { name: 'anon', scopes: ['agents:read'] })).status, 401);
    for (const body of [
      { name: 'x', scopes: ['admin'] },
      { name: 'x', scopes: [] },
      { name: '', scopes: ['agents:read'] },
      { name: 'x'.repeat(101), scopes: ['agents:read'] },
      { name: 'a\u0000b', scopes: ['agents:read'] },
      { name: 'x', scopes: ['agents:read'], expiresAt: '2001-01-01T00:00:00Z' },
      { name: 'x', scopes: ['agents:read'], expiresAt: 'tomorrow' },
      { name: 'x', scopes: 'agents:read' },
    ]) {
      const result = await postJson(t.url, '/api/keys', body, auth(session));
      assert.equal(result.status, 400, JSON.stringify(body));
      assert.equal(result.body.error.code, 'INVALID_ARGUMENT', JSON.stringify(body));
    }
  });

  test('scopes are enforced: an agents:read key gets 403 where agents:write is needed; a session passes', async () => {
    const reader = (await postJson(t.url, '/api/keys', { name: 'reader', scopes: ['agents:read'] }, auth(session))).body.key;
    const writer = (await postJson(t.url, '/api/keys', { name: 'writer', scopes: ['agents:write'] }, auth(session))).body.key;
    const refused = await call(t.url, 'GET', '/api/test/agents-write', reader);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'FORBIDDEN');
    assert.deepEqual((await call(t.url, 'GET', '/api/test/agents-write', writer)).body, { ok: true, kind: 'api_key' });
    assert.deepEqual((await call(t.url, 'GET', '/api/test/agents-write', session)).body, { ok: true, kind: 'session' });
    // Public routes work with any valid key.
    assert.equal((await call(t.url, 'GET', '/api/agents', reader)).status, 200);
    const me = await call(t.url, 'GET', '/api/users/me', reader);
    assert.deepEqual(me.body.credential.scopes, ['agents:read']);
  });

  test('an expired key is refused (even while cached)', async () => {
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const created = await postJson(t.url, '/api/keys', { name: 'short', scopes: ['agents:read'], expiresAt }, auth(session));
    assert.equal(created.status, 201);
    assert.equal((await call(t.url, 'GET', '/api/users/me', created.body.key)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    const expired = await call(t.url, 'GET', '/api/users/me', created.body.key);
    assert.equal(expired.status, 401);
    assert.match(expired.body.error.message, /expired/);
    const listed = (await call(t.url, 'GET', '/api/keys', session)).body.apiKeys.find((item: { id: string }) => item.id === created.body.apiKey.id);
    assert.equal(listed.status, 'expired');
  });

  test('revocation takes effect at once; others\' and unknown keys are NOT_FOUND; a key may revoke only itself', async () => {
    const first = (await postJson(t.url, '/api/keys', { name: 'one', scopes: ['agents:read'] }, auth(session))).body;
    const second = (await postJson(t.url, '/api/keys', { name: 'two', scopes: ['agents:read'] }, auth(session))).body;
    assert.equal((await call(t.url, 'GET', '/api/users/me', first.key)).status, 200);

    const sibling = await call(t.url, 'DELETE', `/api/keys/${second.apiKey.id}`, first.key);
    assert.equal(sibling.status, 403);
    const revoked = await call(t.url, 'DELETE', `/api/keys/${first.apiKey.id}`, session);
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.apiKey.status, 'revoked');
    const refused = await call(t.url, 'GET', '/api/users/me', first.key);
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /revoked/);
    // Revoking again answers the same, with the first revocation time.
    assert.equal((await call(t.url, 'DELETE', `/api/keys/${first.apiKey.id}`, session)).body.apiKey.revokedAt, revoked.body.apiKey.revokedAt);

    const self = await call(t.url, 'DELETE', `/api/keys/${second.apiKey.id}`, second.key);
    assert.equal(self.status, 200);
    assert.equal((await call(t.url, 'GET', '/api/users/me', second.key)).status, 401);

    const stranger = (await signIn(t.url, newAccount())).token;
    const theirs = (await postJson(t.url, '/api/keys', { name: 'theirs', scopes: ['agents:read'] }, auth(stranger))).body;
    const notMine = await call(t.url, 'DELETE', `/api/keys/${theirs.apiKey.id}`, session);
    assert.deepEqual([notMine.status, notMine.body.error.code], [404, 'NOT_FOUND']);
    assert.equal((await call(t.url, 'GET', '/api/users/me', theirs.key)).status, 200);
    const unknown = await call(t.url, 'DELETE', '/api/keys/00000000-0000-4000-8000-000000000000', session);
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'NOT_FOUND']);
    for (const bad of ['nope', '1', encodeURIComponent("' OR 1=1 --")]) assert.equal((await call(t.url, 'DELETE', `/api/keys/${bad}`, session)).body.error.code, 'INVALID_ARGUMENT');
  });

  test('usage is counted in memory and written by flush', async () => {
    const created = (await postJson(t.url, '/api/keys', { name: 'counted', scopes: ['agents:read'] }, auth(session))).body;
    await t.usage.flush();
    for (let i = 0; i < 5; i++) assert.equal((await call(t.url, 'GET', '/api/agents', created.key)).status, 200);
    const before = await t.db.query('SELECT usage_count, last_used_at FROM api_keys WHERE id = $1', [created.apiKey.id]);
    assert.deepEqual([before.rows[0].usage_count, before.rows[0].last_used_at], ['0', null]);
    await t.usage.flush();
    const afterFlush = await t.db.query('SELECT usage_count, last_used_at FROM api_keys WHERE id = $1', [created.apiKey.id]);
    assert.equal(afterFlush.rows[0].usage_count, '5');
    assert.ok(Date.now() - afterFlush.rows[0].last_used_at.getTime() < 10_000);
    const listed = (await call(t.url, 'GET', '/api/keys', session)).body.apiKeys.find((item: { id: string }) => item.id === created.apiKey.id);
    assert.equal(listed.usageCount, 5);
  });

  test('GraphQL apiKeys, createApiKey and revokeApiKey', async () => {
    const created = await graphql(t.url, 'mutation { createApiKey(name: "gql", scopes: ["agents:execute"]) { key apiKey { id prefix scopes status usageCount } } }', {}, session);
    const { key, apiKey } = created.body.data.createApiKey;
    assert.match(key, /^cr8_key_/);
    assert.deepEqual(apiKey.scopes, ['agents:execute']);
    const list = await graphql(t.url, '{ apiKeys { id prefix status } }', {}, session);
    assert.ok(list.body.data.apiKeys.some((item: { id: string }) => item.id === apiKey.id));
    assert.equal(JSON.stringify(list.body).includes(key.slice(21)), false);
    const byKey = await graphql(t.url, 'mutation { createApiKey(name: "child", scopes: ["agents:read"]) { key } }', {}, key);
    assert.equal(byKey.body.errors[0].extensions.code, 'FORBIDDEN');
    const badScope = await graphql(t.url, 'mutation { createApiKey(name: "x", scopes: ["root"]) { key } }', {}, session);
    assert.equal(badScope.body.errors[0].extensions.code, 'INVALID_ARGUMENT');
    const revoked = await graphql(t.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: apiKey.id }, session);
    assert.equal(revoked.body.data.revokeApiKey.status, 'revoked');
    const missing = await graphql(t.url, 'mutation { revokeApiKey(id: "00000000-0000-4000-8000-000000000000") { status } }', {}, session);
    assert.equal(missing.body.errors[0].extensions.code, 'NOT_FOUND');
    assert.equal((await graphql(t.url, '{ apiKeys { id } }')).body.errors[0].extensions.code, 'UNAUTHENTICATED');
  });
});

describe('authenticate', () => {
  test('no header is anonymous; any other non-credential is 401, never silently anonymous', async () => {
    assert.equal((await call(t.url, 'GET', '/api/agents')).status, 200);
    for (const header of ['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer cr8_session_short', `Bearer cr8_session_${'A'.repeat(43)}`, `Bearer cr8_key_000000000000_${'A'.repeat(43)}`, `Token cr8_session_${'A'.repeat(43)}`, 'Bearer a b']) {
      const response = await fetch(`${t.url}/api/agents`, { headers: { authorization: header } });
      assert.equal(response.status, 401, JSON.stringify(header));
      assert.equal(((await response.json()) as any).error.code, 'UNAUTHENTICATED');
    }
  });

  test('the Bearer scheme is case-insensitive', async () => {
    const { token } = await signIn(t.url, newAccount());
    assert.equal((await fetch(`${t.url}/api/users/me`, { headers: { authorization: `bearer ${token}` } })).status, 200);
    assert.equal((await fetch(`${t.url}/api/users/me`, { headers: { authorization: `BEARER   ${token}` } })).status, 200);
  });

  test('a burst of requests with one credential costs one database lookup', async () => {
    const { token } = await signIn(t.url, newAccount());
    // Count the authenticator's lookups by wrapping the pool it was given.
    const query = t.db.query.bind(t.db);
    let lookups = 0;
    t.db.query = ((config: unknown, ...rest: unknown[]) => {
      if (typeof config === 'object' && config !== null && String((config as { name?: string }).name).startsWith('auth-look-up')) lookups++;
      return (query as (...args: unknown[]) => unknown)(config, ...rest);
    }) as typeof t.db.query;
    try {
      await Promise.all(Array.from({ length: 20 }, () => call(t.url, 'GET', '/api/agents', token)));
      await Promise.all(Array.from({ length: 20 }, () => call(t.url, 'GET', '/api/agents', token)));
      assert.equal(lookups, 1);
      const afterBurst = lookups;
      for (let i = 0; i < 10; i++) await call(t.url, 'GET', '/api/agents', token);
      assert.equal(lookups, afterBurst);
      // Anonymous requests never reach the authenticator's queries.
      for (let i = 0; i < 10; i++) await call(t.url, 'GET', '/api/agents');
      assert.equal(lookups, afterBurst);
    } finally {
      t.db.query = query;
    }
  });

  test('an address sending too many bad credentials gets 429 before the database', async () => {
    const strict = await startTestAuthApi({ failuresPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${strict.url}/api/agents`, { headers: { authorization: `Bearer cr8_session_${String(i).padStart(43, 'x')}` } })).status);
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      const limited = await fetch(`${strict.url}/api/agents`, { headers: { authorization: 'Bearer nope' } });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      // Anonymous requests are not affected.
      assert.equal((await fetch(`${strict.url}/api/agents`)).status, 200);
    } finally {
      await strict.close();
    }
  });
});
