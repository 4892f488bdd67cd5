// Properties over arbitrary input: no Authorization header, SIWE body or API-key body makes the API
// answer 5xx; every refusal is a 4xx with a code. Headers go over a raw socket so any byte reaches
// the server, not only what fetch would send.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { API_ERROR_CODES } from '../api/api-error.ts';
import { CR8_L3_CHAIN_ID } from './config.ts';
import { graphql, newAccount, postJson, signIn, startTestAuthApi, type TestAuthApi, TEST_DOMAIN } from './test-auth-api.ts';

let t: TestAuthApi;
let session: string;
let apiKey: string;
before(async () => {
  // A high failure budget: the property wants every credential to reach the lookup, not a 429.
  t = await startTestAuthApi({ failuresPerMinute: 1_000_000 });
  session = (await signIn(t.url, newAccount())).token;
  apiKey = (await postJson(t.url, '/api/keys', { name: 'fuzz', scopes: ['agents:read'] }, { authorization: `Bearer ${session}` })).body.key;
});
after(async () => {
  await t?.close();
});

/** Sends `GET path` with the raw Authorization bytes; resolves with the status code. */
function rawGet(path: string, authorization: Buffer): Promise<number> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
    // write, not end: a client that half-closes may have its socket closed before a slow answer.
    socket.write(Buffer.concat([Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: `), authorization, Buffer.from('\r\n\r\n')]));
  });
}

const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 60 });
const hex = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), maxLength: max });
const authorizationHeaders = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text, 'utf8')),
  fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.from(bytes)),
  fc
    .tuple(
      fc.constantFrom('Bearer ', 'bearer ', 'BEARER  ', 'Bearer', 'Basic ', 'Token ', ''),
      fc.oneof(
        base64url.map((secret) => `cr8_session_${secret}`),
        fc.tuple(hex(14), base64url).map(([prefix, secret]) => `cr8_key_${prefix}_${secret}`),
        // The real credentials (read when generated: they exist only once `before` has run).
        fc.constantFrom('session', 'apiKey').map((which) => (which === 'session' ? session : apiKey)),
        fc.string({ maxLength: 80 }),
      ),
      fc.constantFrom('', ' ', '  x', '\t'),
    )
    .map(([scheme, token, suffix]) => Buffer.from(`${scheme}${token}${suffix}`, 'utf8')),
).filter((bytes) => !bytes.includes(0x0d) && !bytes.includes(0x0a));

test('property: no Authorization header makes the API answer 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(authorizationHeaders, fc.constantFrom('/api/agents', '/api/users/me', '/api/keys'), async (authorization, path) => {
      const status = await rawGet(path, authorization);
      assert.ok(status >= 200 && status < 500, `${path} ${JSON.stringify(authorization.toString('latin1'))} → ${status}`);
    }),
    { numRuns: 300 },
  );
  // The real credentials still work after all that.
  assert.equal(await rawGet('/api/users/me', Buffer.from(`Bearer ${session}`)), 200);
  assert.equal(await rawGet('/api/users/me', Buffer.from(`Bearer ${apiKey}`)), 200);
});

const signer = newAccount();
const stranger = newAccount();

/** Mostly `valid` (so later checks are reached), sometimes anything `other` generates. */
const usually = <T,>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: other, weight: 1 });

/** RFC 3339 times around now (years far away print as ±YYYYYY, which SIWE refuses as malformed). */
const dates = fc.oneof(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.integer({ min: -3_600_000, max: 3_600_000 }).map((offset) => new Date(Date.now() + offset))).map((date) => date.toISOString());

/** An EIP-4361 message laid out by hand, so any field can hold anything. */
const siweFields = fc.record({
  scheme: usually(fc.constantFrom('', 'https://', 'http://'), fc.string({ maxLength: 8 }).map((s) => `${s}://`)),
  domain: usually(fc.constant(TEST_DOMAIN), fc.string({ maxLength: 30 })),
  address: usually(fc.constant(signer.address), fc.oneof(hex(40).map((h) => `0x${h}`), fc.string({ maxLength: 50 }))),
  statement: fc.option(fc.string({ maxLength: 40 })),
  uri: usually(fc.constant(`http://${TEST_DOMAIN}/login`), fc.string({ maxLength: 40 })),
  version: usually(fc.constant('1'), fc.string({ maxLength: 3 })),
  chainId: usually(fc.constant(String(CR8_L3_CHAIN_ID)), fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 80n }).map(String), fc.string({ maxLength: 10 }))),
  nonce: usually(hex(32).filter((h) => h.length >= 8), fc.string({ maxLength: 70 })),
  issuedAt: usually(fc.constant(new Date().toISOString()), fc.oneof(dates, fc.string({ maxLength: 30 }))),
  expirationTime: fc.option(fc.oneof({ arbitrary: dates, weight: 4 }, { arbitrary: fc.string({ maxLength: 30 }), weight: 1 }), { freq: 2 }),
  notBefore: fc.option(fc.oneof({ arbitrary: dates, weight: 4 }, { arbitrary: fc.string({ maxLength: 30 }), weight: 1 }), { freq: 2 }),
});

function layOut(fields: typeof siweFields extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = [`${fields.scheme}${fields.domain} wants you to sign in with your Ethereum account:`, fields.address, ''];
  if (fields.statement !== null) lines.push(fields.statement, '');
  lines.push(`URI: ${fields.uri}`, `Version: ${fields.version}`, `Chain ID: ${fields.chainId}`, `Nonce: ${fields.nonce}`, `Issued At: ${fields.issuedAt}`);
  if (fields.expirationTime !== null) lines.push(`Expiration Time: ${fields.expirationTime}`);
  if (fields.notBefore !== null) lines.push(`Not Before: ${fields.notBefore}`);
  return lines.join('\n');
}

type SiweInput = { kind: 'raw'; body: unknown } | { kind: 'signed'; message: string; account: typeof signer };
const siweBodies: fc.Arbitrary<SiweInput> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((body) => ({ kind: 'raw' as const, body })),
  fc
    .record({ message: fc.oneof(fc.string({ maxLength: 300 }), siweFields.map(layOut)), signature: fc.oneof(hex(140).map((h) => `0x${h}`), fc.string({ maxLength: 20 }), fc.constant(null)) })
    .map((body) => ({ kind: 'raw' as const, body })),
  // Real signatures (by the message's address or another key) over arbitrary messages: the checks
  // after parsing run too.
  fc.tuple(siweFields.map(layOut), fc.boolean()).map(([message, bySigner]) => ({ kind: 'signed' as const, message, account: bySigner ? signer : stranger })),
);

test('property: no SIWE body makes sign-in answer 5xx, over REST or GraphQL', async () => {
  const sessionsBefore = Number((await t.db.query('SELECT count(*) FROM sessions')).rows[0].count);
  const codes = new Set<string>();
  await fc.assert(
    fc.asyncProperty(siweBodies, async (input) => {
      const sent = input.kind === 'signed' ? { message: input.message, signature: await input.account.signMessage({ message: input.message }) } : input.body;
      const rest = await postJson(t.url, '/api/auth/siwe', sent);
      assert.ok(rest.status >= 400 && rest.status < 500, `${JSON.stringify(sent).slice(0, 200)} → ${rest.status} ${JSON.stringify(rest.body)}`);
      assert.ok(rest.body.error.code in API_ERROR_CODES);
      codes.add(rest.body.error.code);
      if (typeof sent === 'object' && sent !== null && !Array.isArray(sent) && typeof (sent as { message?: unknown }).message === 'string' && typeof (sent as { signature?: unknown }).signature === 'string') {
        const gql = await graphql(t.url, 'mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }', { m: (sent as { message: string }).message, s: (sent as { signature: string }).signature });
        assert.ok(gql.status < 500, `graphql → ${gql.status}`);
        assert.notEqual(gql.body.errors?.[0]?.extensions?.code, 'INTERNAL', JSON.stringify(gql.body));
      }
    }),
    { numRuns: 300 },
  );
  // The inputs reach every stage: parsing, field checks, time checks, the signature and the nonce.
  for (const code of ['INVALID_ARGUMENT', 'MESSAGE_EXPIRED', 'INVALID_SIGNATURE', 'NONCE_INVALID']) assert.ok(codes.has(code), `never saw ${code}: ${[...codes]}`);
  // No arbitrary body signed anyone in (none carries a nonce the API issued).
  assert.equal(Number((await t.db.query('SELECT count(*) FROM sessions')).rows[0].count), sessionsBefore);
});

test('property: no API-key body makes key creation answer 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.record(
          {
            name: fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.integer()),
            scopes: fc.oneof(fc.array(fc.oneof(fc.constantFrom('agents:read', 'agents:write', 'kyc:write'), fc.string({ maxLength: 12 })), { maxLength: 12 }), fc.string()),
            expiresAt: fc.oneof(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())), fc.string({ maxLength: 30 }), fc.constant(null)),
          },
          { requiredKeys: [] },
        ),
      ),
      async (body) => {
        const result = await postJson(t.url, '/api/keys', body, { authorization: `Bearer ${session}` });
        assert.ok(result.status < 500, `${JSON.stringify(body).slice(0, 200)} → ${result.status} ${JSON.stringify(result.body)}`);
      },
    ),
    { numRuns: 200 },
  );
});
