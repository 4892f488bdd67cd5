// The API with the Sumsub adapter against the local Sumsub stand-in, which both checks the adapter's
// signed requests and delivers signed webhooks to POST /api/kyc/webhook, as Sumsub would.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kycModule } from './kyc-module.ts';
import { payloadDigest } from './payload-digest.ts';
import { createSumsubProvider, parseSumsubTime, signSumsubRequest } from './sumsub-provider.ts';
import { startSumsubStandIn, type SumsubStandIn } from './sumsub-stand-in.ts';
import { call, createUser, startTestApi, type TestApi } from './test-support.ts';

const CREDENTIALS = { appToken: 'sbx:flow-token', secretKey: 'flow-secret-key', webhookSecret: 'flow-webhook-secret' };
let standIn: SumsubStandIn;
let app: TestApi;

before(async () => {
  standIn = await startSumsubStandIn(CREDENTIALS);
  app = await startTestApi(() => [kycModule({ provider: createSumsubProvider({ baseUrl: standIn.url, ...CREDENTIALS }), level: 'basic-kyc-level', validityDays: 30 })]);
  standIn.webhookUrl = `${app.api.url}/api/kyc/webhook`;
});

after(async () => {
  await app?.close();
  await standIn?.close();
});

/** Everything the KYC tables hold, to prove a refused request wrote nothing. */
async function snapshot() {
  const { rows } = await app.db.query(`SELECT
    (SELECT coalesce(json_agg(e ORDER BY e.event_id), '[]') FROM kyc_webhook_events e) AS events,
    (SELECT coalesce(json_agg(v ORDER BY v.id), '[]') FROM kyc_verifications v) AS verifications,
    (SELECT coalesce(json_agg(json_build_array(u.id, u.kyc_status, u.kyc_expires_at, u.updated_at) ORDER BY u.id), '[]') FROM users u) AS users`);
  return rows[0];
}

async function startApplicant(wallet: `0x${string}`) {
  const user = await createUser(app.db, wallet);
  const initiated = await call(app.api, 'POST', '/api/kyc/initiate', { user });
  assert.equal(initiated.status, 200);
  return { user, applicantId: initiated.body.externalId as string, accessToken: initiated.body.accessToken as string };
}

async function review(applicantId: string, result: Record<string, unknown>) {
  // Sumsub's sandbox "testCompleted", signed like any API call; the stand-in then sends the webhook.
  const body = JSON.stringify(result);
  const ts = String(Math.floor(Date.now() / 1000));
  const path = `/resources/applicants/${applicantId}/status/testCompleted`;
  const response = await fetch(standIn.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-app-token': CREDENTIALS.appToken, 'x-app-access-ts': ts, 'x-app-access-sig': signSumsubRequest({ secretKey: CREDENTIALS.secretKey, ts, method: 'POST', path, body }) },
    body,
  });
  assert.equal(response.status, 200);
}

test('initiate creates a Sumsub applicant (signed request) and returns an SDK token', async () => {
  const { applicantId, accessToken } = await startApplicant(`0x${'11'.repeat(20)}`);
  assert.match(applicantId, /^[0-9a-f]{24}$/);
  assert.match(accessToken, /^_act-sbx-/);
  assert.ok(standIn.accepted.some((request) => request.path === '/resources/applicants?levelName=basic-kyc-level'));
});

test('a GREEN applicantReviewed webhook verifies the user; its replay is a duplicate that changes nothing', async () => {
  const { user, applicantId } = await startApplicant(`0x${'22'.repeat(20)}`);
  await review(applicantId, { reviewAnswer: 'GREEN', rejectLabels: [] });
  const state = (await call(app.api, 'GET', '/api/kyc/status', { user })).body;
  assert.equal(state.status, 'verified');
  assert.equal(state.provider, 'sumsub');
  assert.ok(Math.abs(new Date(state.expiresAt).getTime() - (Date.now() + 30 * 86_400_000)) < 60_000, 'KYC_VALIDITY_DAYS from the review');

  // The same bytes again (a captured request replayed), and Sumsub's retry of the event (a new
  // correlation id, the same createdAtMs): both duplicates that change nothing.
  const original = standIn.delivered.at(-1)!;
  assert.equal(original.status, 200);
  const reviewedAt = parseSumsubTime(JSON.parse(original.webhook.rawBody.toString()).createdAtMs)!;
  const before = await snapshot();
  for (const webhook of [original.webhook, standIn.webhook(applicantId, 'applicantReviewed', reviewedAt)]) {
    const replay = await standIn.deliver(webhook);
    assert.deepEqual(replay, { status: 200, body: { received: true, duplicate: true, applied: false } });
  }
  assert.deepEqual(await snapshot(), before);
});

test('the same event delivered concurrently is applied once', async () => {
  const { applicantId } = await startApplicant(`0x${'66'.repeat(20)}`);
  standIn.applicants.get(applicantId)!.review = { reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN' } };
  const at = new Date();
  const results = await Promise.all(Array.from({ length: 6 }, () => standIn.deliver(standIn.webhook(applicantId, 'applicantReviewed', at))));
  assert.ok(results.every((result) => result.status === 200));
  assert.deepEqual(results.map((result) => (result.body as any).duplicate).sort(), [false, true, true, true, true, true]);
  assert.equal((await app.db.query("SELECT count(*)::int AS n FROM kyc_webhook_events WHERE payload->>'externalId' = $1", [applicantId])).rows[0].n, 1);
});

test('a wrong or missing digest is 401 INVALID_SIGNATURE and writes nothing; SHA-512 digests are accepted', async () => {
  const { user, applicantId } = await startApplicant(`0x${'33'.repeat(20)}`);
  standIn.applicants.get(applicantId)!.review = { reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN' } };
  const webhook = standIn.webhook(applicantId, 'applicantReviewed');
  const before = await snapshot();
  for (const headers of [
    { ...webhook.headers, 'x-payload-digest': payloadDigest('not-the-secret', webhook.rawBody) } as Record<string, string>,
    { 'content-type': 'application/json' },
    { ...webhook.headers, 'x-payload-digest-alg': 'HMAC_SHA1_HEX' },
  ]) {
    const response = await standIn.deliver({ rawBody: webhook.rawBody, headers });
    assert.equal(response.status, 401);
    assert.equal((response.body as any).error.code, 'INVALID_SIGNATURE');
  }
  // The signed body altered in transit.
  const tampered = Buffer.from(webhook.rawBody.toString().replace('"GREEN"', '"GREEN" '));
  assert.equal((await standIn.deliver({ rawBody: tampered, headers: webhook.headers })).status, 401);
  assert.deepEqual(await snapshot(), before);

  standIn.digestAlgorithm = 'HMAC_SHA512_HEX';
  try {
    const accepted = await standIn.deliver(standIn.webhook(applicantId, 'applicantReviewed'));
    assert.deepEqual(accepted, { status: 200, body: { received: true, duplicate: false, applied: true, status: 'verified' } });
  } finally {
    standIn.digestAlgorithm = 'HMAC_SHA256_HEX';
  }
  assert.equal((await call(app.api, 'GET', '/api/kyc/status', { user })).body.status, 'verified');
});

test('signed but unusable webhooks are 4xx with a code and write nothing: bad JSON, wrong shape, unknown applicant', async () => {
  const before = await snapshot();
  const sign = (text: string) => ({ rawBody: Buffer.from(text), headers: { 'content-type': 'application/json', 'x-payload-digest': payloadDigest(CREDENTIALS.webhookSecret, text), 'x-payload-digest-alg': 'HMAC_SHA256_HEX' } });
  for (const [text, status, code] of [
    ['{"applicantId":', 400, 'BAD_REQUEST'],
    ['[]', 400, 'BAD_REQUEST'],
    ['{"applicantId":"x y","type":"applicantReviewed","createdAtMs":"2026-11-21 08:00:00.000"}', 400, 'BAD_REQUEST'],
    ['{"applicantId":"abc","type":"applicantReviewed","createdAtMs":"not a time"}', 400, 'BAD_REQUEST'],
    ['{"applicantId":"0123456789abcdef01234567","type":"applicantReviewed","reviewStatus":"completed","reviewResult":{"reviewAnswer":"GREEN"},"createdAtMs":"2026-11-21 08:00:00.000"}', 404, 'NOT_FOUND'],
  ] as const) {
    const response = await standIn.deliver(sign(text));
    assert.equal(response.status, status, text);
    assert.equal((response.body as any).error.code, code, text);
  }
  // A signed event type that says nothing about the review is acknowledged and ignored.
  const ignored = await standIn.deliver(sign('{"applicantId":"0123456789abcdef01234567","type":"applicantTagsChanged","createdAtMs":"2026-11-21 08:00:00.000"}'));
  assert.deepEqual(ignored, { status: 200, body: { received: true, duplicate: false, applied: false, ignored: true } });
  assert.deepEqual(await snapshot(), before);
});

test('out of order: an older pending event after the approval is recorded but does not downgrade; a newer RED+FINAL does', async () => {
  const { user, applicantId } = await startApplicant(`0x${'44'.repeat(20)}`);
  const t0 = new Date(Date.now() - 60_000);
  const applicant = standIn.applicants.get(applicantId)!;
  applicant.review = { reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN' } };
  const green = standIn.webhook(applicantId, 'applicantReviewed', new Date(t0.getTime() + 20_000));
  applicant.review = { reviewStatus: 'pending' };
  const pending = standIn.webhook(applicantId, 'applicantPending', new Date(t0.getTime() + 10_000));

  assert.equal((await standIn.deliver(green)).status, 200);
  const late = await standIn.deliver(pending);
  assert.deepEqual(late, { status: 200, body: { received: true, duplicate: false, applied: false, status: 'verified' } });
  assert.equal((await call(app.api, 'GET', '/api/kyc/status', { user })).body.status, 'verified');
  assert.equal((await app.db.query("SELECT count(*)::int AS n FROM kyc_webhook_events WHERE payload->>'externalId' = $1", [applicantId])).rows[0].n, 2);

  applicant.review = { reviewStatus: 'completed', reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'FINAL', moderationComment: 'Document forged.' } };
  const red = await standIn.deliver(standIn.webhook(applicantId, 'applicantReviewed', new Date(t0.getTime() + 30_000)));
  assert.equal((red.body as any).status, 'rejected');
  const state = (await call(app.api, 'GET', '/api/kyc/status', { user })).body;
  assert.deepEqual([state.status, state.reason, state.expiresAt, state.onchain.syncPending], ['rejected', 'Document forged.', null, true]);
});

test('verify polls Sumsub: a review the webhook has not brought yet is picked up; sandboxOutcome is refused', async () => {
  const { user, applicantId } = await startApplicant(`0x${'55'.repeat(20)}`);
  assert.equal((await call(app.api, 'POST', '/api/kyc/verify', { user, body: {} })).body.status, 'pending');
  standIn.applicants.get(applicantId)!.review = { reviewStatus: 'completed', reviewDate: new Date(Date.now() - 1000).toISOString(), reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'RETRY', moderationComment: 'Blurry photo.' } };
  const retry = (await call(app.api, 'POST', '/api/kyc/verify', { user, body: {} })).body;
  assert.deepEqual([retry.status, retry.reason], ['pending', 'Blurry photo.']);
  standIn.applicants.get(applicantId)!.review = { reviewStatus: 'completed', reviewDate: new Date().toISOString(), reviewResult: { reviewAnswer: 'GREEN' } };
  assert.equal((await call(app.api, 'POST', '/api/kyc/verify', { user, body: {} })).body.status, 'verified');

  const refused = await call(app.api, 'POST', '/api/kyc/verify', { user, body: { sandboxOutcome: 'approve' } });
  assert.deepEqual([refused.status, refused.body.error.code], [400, 'INVALID_ARGUMENT']);
});
