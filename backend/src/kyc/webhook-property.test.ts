// Property: whatever arrives at POST /api/kyc/webhook, it never causes a 5xx, and unless it is a validly
// signed event for a known applicant it writes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { kycModule } from './kyc-module.ts';
import { payloadDigest } from './payload-digest.ts';
import { createSumsubProvider } from './sumsub-provider.ts';
import { createSandboxProvider } from './sandbox-provider.ts';
import { createUser, startTestApi, startTestDatabase, type TestApi } from './test-support.ts';

const SECRET = 'property-webhook-secret';
const KNOWN_APPLICANT = '0123456789abcdef01234567';
let sumsubApp: TestApi;
let sandboxApp: TestApi;

before(async () => {
  const shared = await startTestDatabase();
  sumsubApp = await startTestApi(
    () => [kycModule({ provider: createSumsubProvider({ baseUrl: 'http://127.0.0.1:9', appToken: 't', secretKey: 's', webhookSecret: SECRET }), level: 'basic-kyc-level', validityDays: 365 })],
    shared,
  );
  sandboxApp = await startTestApi((pool) => [kycModule({ provider: createSandboxProvider({ db: pool, webhookSecret: SECRET }), level: 'basic-kyc-level', validityDays: 365 })]);
  const user = await createUser(shared.db, `0x${'f0'.repeat(20)}`);
  await shared.db.query("INSERT INTO kyc_verifications (user_id, provider, external_id, status) VALUES ($1, 'sumsub', $2, 'pending')", [user, KNOWN_APPLICANT]);
});

after(async () => {
  await sumsubApp?.close();
  await sandboxApp?.close();
});

async function snapshot(app: TestApi) {
  const { rows } = await app.db.query(`SELECT
    (SELECT count(*)::int FROM kyc_webhook_events) AS events,
    (SELECT coalesce(json_agg(v ORDER BY v.id), '[]') FROM kyc_verifications v) AS verifications,
    (SELECT coalesce(json_agg(json_build_array(u.id, u.kyc_status, u.kyc_expires_at, u.updated_at)), '[]') FROM users u) AS users`);
  return rows[0];
}

const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'x-test-user', 'x-test-scopes']);
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/).filter((name) => !FORBIDDEN_HEADERS.has(name));
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,140}$/);
const digestHeaders = fc.record(
  {
    'x-payload-digest': fc.oneof(headerValue, fc.stringMatching(/^[0-9a-f]{64}$/), fc.stringMatching(/^[0-9a-f]{128}$/)),
    'x-payload-digest-alg': fc.constantFrom('HMAC_SHA256_HEX', 'HMAC_SHA512_HEX', 'HMAC_SHA1_HEX', 'hmac_sha256_hex', '', '__proto__', 'toString'),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
  },
  { requiredKeys: [] },
);
const headers = fc.tuple(fc.dictionary(headerName, headerValue, { maxKeys: 6 }), digestHeaders).map(([extra, digest]) => ({ ...extra, ...digest }));
const body = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.json().map((text) => Buffer.from(text)),
  fc.string({ unit: 'binary', maxLength: 500 }).map((text) => Buffer.from(text)),
);

/** Sumsub-shaped events with hostile values, sometimes about the known applicant. */
const sumsubLike = fc
  .record(
    {
      applicantId: fc.oneof(fc.constant(KNOWN_APPLICANT), fc.string({ unit: 'binary', maxLength: 40 }), fc.stringMatching(/^[0-9a-f]{24}$/)),
      type: fc.oneof(fc.constantFrom('applicantReviewed', 'applicantPending', 'applicantOnHold', 'applicantReset', 'applicantTagsChanged'), fc.string({ maxLength: 20 })),
      reviewStatus: fc.oneof(fc.constantFrom('completed', 'pending', 'init', 'onHold'), fc.string({ unit: 'binary', maxLength: 70 })),
      reviewResult: fc.oneof(
        fc.record({ reviewAnswer: fc.constantFrom('GREEN', 'RED', 'YELLOW'), reviewRejectType: fc.constantFrom('FINAL', 'RETRY', 'OTHER'), moderationComment: fc.string({ unit: 'binary', maxLength: 2000 }) }, { requiredKeys: [] }),
        fc.anything(),
      ),
      createdAtMs: fc.oneof(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString().replace('T', ' ').replace('Z', '')),
        fc.string({ maxLength: 30 }),
        fc.integer(),
      ),
      levelName: fc.string({ unit: 'binary', maxLength: 300 }),
    },
    { requiredKeys: [] },
  )
  .map((event) => Buffer.from(JSON.stringify(event)));

async function post(app: TestApi, rawBody: Buffer, requestHeaders: Record<string, string>) {
  const response = await fetch(`${app.api.url}/api/kyc/webhook`, { method: 'POST', headers: requestHeaders, body: new Uint8Array(rawBody) });
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
}

for (const [name, app] of [
  ['sumsub', () => sumsubApp],
  ['sandbox', () => sandboxApp],
] as const) {
  test(`${name}: arbitrary unsigned or wrongly signed bodies and headers are 4xx with a code and never write`, async () => {
    const before = await snapshot(app());
    await fc.assert(
      fc.asyncProperty(body, headers, async (rawBody, requestHeaders) => {
        const response = await post(app(), rawBody, requestHeaders);
        assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
        assert.equal(typeof response.body?.error?.code, 'string');
      }),
      { numRuns: 150 },
    );
    assert.deepEqual(await snapshot(app()), before);
  });
}

/** One event of each outcome, tried first, so that every branch is reached whatever the generators draw
 *  (300 random runs did not always draw a well-formed event for an unknown applicant). */
const reviewed = (applicantId: string) => Buffer.from(JSON.stringify({ applicantId, type: 'applicantReviewed', reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN' }, createdAtMs: '2026-01-01 00:00:00.000', levelName: 'basic-kyc-level' }));
const EACH_OUTCOME: [Buffer, 'HMAC_SHA256_HEX' | 'HMAC_SHA512_HEX'][] = [
  [reviewed('aaaaaaaaaaaaaaaaaaaaaaaa'), 'HMAC_SHA256_HEX'], // 404: well formed, no such applicant
  [Buffer.from('{"type":7}'), 'HMAC_SHA512_HEX'], // 400: not an event
  [reviewed(KNOWN_APPLICANT), 'HMAC_SHA256_HEX'], // 200: accepted
];

test('sumsub: validly signed hostile events never give a 5xx, and write only when accepted', async () => {
  const outcomes = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.oneof(sumsubLike, body), fc.constantFrom('HMAC_SHA256_HEX', 'HMAC_SHA512_HEX') as fc.Arbitrary<'HMAC_SHA256_HEX' | 'HMAC_SHA512_HEX'>, async (rawBody, algorithm) => {
      const before = await snapshot(sumsubApp);
      const response = await post(sumsubApp, rawBody, { 'content-type': 'application/json', 'x-payload-digest': payloadDigest(SECRET, rawBody, algorithm), 'x-payload-digest-alg': algorithm });
      assert.ok(response.status < 500, `status ${response.status}: ${JSON.stringify(response.body)}`);
      outcomes.set(response.status, (outcomes.get(response.status) ?? 0) + 1);
      if (response.status !== 200 || response.body.duplicate || response.body.ignored) assert.deepEqual(await snapshot(sumsubApp), before);
      else assert.equal((await snapshot(sumsubApp)).events, before.events + 1);
    }),
    { numRuns: 300, examples: EACH_OUTCOME },
  );
  // Every branch was reached: refused shapes, unknown applicants and accepted events.
  for (const status of [200, 400, 404]) assert.ok(outcomes.get(status), `no ${status} outcome in ${JSON.stringify([...outcomes])}`);
});
