// The Sumsub adapter against a local stand-in that authenticates requests exactly as Sumsub documents: if
// the adapter signed wrongly, the stand-in would refuse it.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ApiError } from '../api/api-error.ts';
import { freePort } from '@cr8/chain/anvil';
import { mapSumsubReview, parseSumsubTime, signSumsubRequest, createSumsubProvider } from './sumsub-provider.ts';
import { startSumsubStandIn, type SumsubStandIn } from './sumsub-stand-in.ts';

const CREDENTIALS = { appToken: 'sbx:test-app-token', secretKey: 'test-secret-key', webhookSecret: 'test-webhook-secret' };
const WALLET = `0x${'12'.repeat(20)}` as const;
let standIn: SumsubStandIn;

before(async () => {
  standIn = await startSumsubStandIn(CREDENTIALS);
});
after(async () => {
  await standIn?.close();
});

const provider = (overrides: Partial<Parameters<typeof createSumsubProvider>[0]> = {}) => createSumsubProvider({ baseUrl: standIn.url, ...CREDENTIALS, ...overrides });
const upstream = (status: number) => (error: unknown) => error instanceof ApiError && error.code === 'UPSTREAM_UNAVAILABLE' && error.status === status;

test('X-App-Access-Sig is the hex HMAC-SHA256 of ts + METHOD + path-with-query + body', () => {
  const path = '/resources/applicants?levelName=basic-kyc-level';
  const body = '{"externalUserId":"u1"}';
  const expected = createHmac('sha256', 'secret').update(`1607551635POST${path}${body}`).digest('hex');
  assert.equal(signSumsubRequest({ secretKey: 'secret', ts: '1607551635', method: 'POST', path, body }), expected);
  assert.equal(signSumsubRequest({ secretKey: 'secret', ts: '1607551635', method: 'post', path, body }), expected, 'the method is upper-cased');
  assert.match(expected, /^[0-9a-f]{64}$/);
});

test('createApplicant and resumeApplicant make signed requests the stand-in accepts', async () => {
  const reference = randomUUID();
  const session = await provider().createApplicant({ reference, userId: randomUUID(), wallet: WALLET, level: 'basic-kyc-level' });
  assert.match(session.externalId, /^[0-9a-f]{24}$/);
  assert.match(session.accessToken!, /^_act-sbx-/);
  assert.equal(standIn.applicants.get(session.externalId)!.externalUserId, reference);
  assert.deepEqual(standIn.accepted.slice(-2), [
    { method: 'POST', path: '/resources/applicants?levelName=basic-kyc-level' },
    { method: 'POST', path: '/resources/accessTokens/sdk' },
  ]);
  const resumed = await provider().resumeApplicant({ reference, userId: randomUUID(), wallet: WALLET, level: 'basic-kyc-level', externalId: session.externalId });
  assert.equal(resumed.externalId, session.externalId);
  assert.notEqual(resumed.accessToken, session.accessToken);
  // A level name that needs escaping is signed exactly as sent.
  await provider().createApplicant({ reference: randomUUID(), userId: randomUUID(), wallet: WALLET, level: 'kyc level/ü&x' });
  assert.equal(standIn.accepted.at(-2)!.path, `/resources/applicants?levelName=${encodeURIComponent('kyc level/ü&x')}`);
});

test('a wrong secret, a wrong token or a stale timestamp is refused by the stand-in and surfaces as UPSTREAM_UNAVAILABLE', async () => {
  const input = { reference: randomUUID(), userId: randomUUID(), wallet: WALLET, level: 'basic-kyc-level' };
  const before = standIn.applicants.size;
  await assert.rejects(provider({ secretKey: 'wrong' }).createApplicant(input), upstream(502));
  assert.equal(standIn.refusals.at(-1)!.description, 'Request signature mismatch');
  await assert.rejects(provider({ appToken: 'sbx:other' }).createApplicant(input), upstream(502));
  assert.equal(standIn.refusals.at(-1)!.description, 'App token is not valid');
  await assert.rejects(provider({ now: () => new Date(Date.now() - 10 * 60_000) }).createApplicant(input), (error: unknown) => {
    assert.ok(upstream(502)(error));
    assert.equal((error as ApiError).details!.status, 401);
    assert.match(String((error as ApiError).details!.description), /timestamp/);
    return true;
  });
  assert.equal(standIn.applicants.size, before, 'nothing was created');
});

test('an unreachable provider is UPSTREAM_UNAVAILABLE 503', async () => {
  const port = await freePort();
  await assert.rejects(
    createSumsubProvider({ baseUrl: `http://127.0.0.1:${port}`, ...CREDENTIALS, timeoutMs: 2_000 }).fetchStatus('abc'),
    upstream(503),
  );
});

test('fetchStatus maps the review: init → pending, GREEN → verified, RED+RETRY → pending, RED+FINAL → rejected', async () => {
  const sumsub = provider();
  const { externalId } = await sumsub.createApplicant({ reference: randomUUID(), userId: randomUUID(), wallet: WALLET, level: 'basic-kyc-level' });
  assert.deepEqual(await sumsub.fetchStatus(externalId), { status: 'pending', occurredAt: null }, 'no review yet: no provider time');
  const applicant = standIn.applicants.get(externalId)!;
  const reviewDate = '2026-11-20 10:00:00+0000';
  applicant.review = { reviewStatus: 'completed', reviewDate, reviewResult: { reviewAnswer: 'GREEN' } };
  const green = await sumsub.fetchStatus(externalId);
  assert.deepEqual(green, { status: 'verified', occurredAt: new Date('2026-11-20T10:00:00Z') });
  applicant.review = { reviewStatus: 'completed', reviewDate, reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'RETRY', moderationComment: 'Upload a sharper photo.' } };
  assert.deepEqual(await sumsub.fetchStatus(externalId), { status: 'pending', occurredAt: new Date('2026-11-20T10:00:00Z'), reason: 'Upload a sharper photo.' });
  applicant.review = { reviewStatus: 'completed', reviewDate, reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'FINAL' } };
  assert.equal((await sumsub.fetchStatus(externalId)).status, 'rejected');
  await assert.rejects(sumsub.fetchStatus('000000000000000000000000'), upstream(502));
});

test('the status mapping table', () => {
  const cases: Array<[Parameters<typeof mapSumsubReview>[0], string]> = [
    [{ reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN' } }, 'verified'],
    [{ reviewStatus: 'completed', reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'FINAL' } }, 'rejected'],
    [{ reviewStatus: 'completed', reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'RETRY' } }, 'pending'],
    [{ reviewStatus: 'completed', reviewResult: { reviewAnswer: 'RED' } }, 'pending'],
    [{ reviewStatus: 'completed' }, 'pending'],
    [{ reviewStatus: 'pending' }, 'pending'],
    [{ reviewStatus: 'queued' }, 'pending'],
    [{ reviewStatus: 'onHold' }, 'pending'],
    [{ reviewStatus: 'init' }, 'pending'],
    [{ reviewStatus: 'onHold', reviewResult: { reviewAnswer: 'GREEN' } }, 'pending'],
    [{}, 'pending'],
  ];
  for (const [review, status] of cases) assert.equal(mapSumsubReview(review), status, JSON.stringify(review));
});

test("Sumsub's time formats parse; anything else does not", () => {
  assert.deepEqual(parseSumsubTime('2020-02-21 13:23:19.321'), new Date('2020-02-21T13:23:19.321Z'));
  assert.deepEqual(parseSumsubTime('2020-06-24 05:11:02+0000'), new Date('2020-06-24T05:11:02Z'));
  assert.deepEqual(parseSumsubTime('2020-06-24 07:11:02+0200'), new Date('2020-06-24T05:11:02Z'));
  assert.deepEqual(parseSumsubTime('2020-06-24T05:11:02.5Z'), new Date('2020-06-24T05:11:02.500Z'));
  for (const bad of ['', 'yesterday', '2020-13-45 99:99:99', 1_600_000_000_000, null, '2020-02-21']) assert.equal(parseSumsubTime(bad), null, String(bad));
});

test('parseWebhook: verified digest (SHA-256 and SHA-512), stable event id, status, no personal data in the summary', async () => {
  const sumsub = provider();
  const { externalId } = await sumsub.createApplicant({ reference: randomUUID(), userId: randomUUID(), wallet: WALLET, level: 'basic-kyc-level' });
  standIn.applicants.get(externalId)!.review = { reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN' } };
  const at = new Date('2026-11-21T08:00:00.123Z');
  for (const algorithm of ['HMAC_SHA256_HEX', 'HMAC_SHA512_HEX'] as const) {
    standIn.digestAlgorithm = algorithm;
    const first = standIn.webhook(externalId, 'applicantReviewed', at);
    const redelivery = standIn.webhook(externalId, 'applicantReviewed', at);
    assert.notDeepEqual(first.rawBody, redelivery.rawBody, 'a redelivery differs (correlation id)…');
    const event = sumsub.parseWebhook(first.rawBody, first.headers);
    assert.equal(sumsub.parseWebhook(redelivery.rawBody, redelivery.headers).eventId, event.eventId, '…yet is the same event');
    assert.equal(event.eventId, `${externalId}:applicantReviewed:2026-11-21T08:00:00.123Z`);
    assert.equal(event.status, 'verified');
    assert.deepEqual(event.occurredAt, at);
    assert.equal(JSON.stringify(event.summary).includes('externalUserId'), false);
  }
  standIn.digestAlgorithm = 'HMAC_SHA256_HEX';
  // Events that say nothing about the review are ignored (status null), still verified first.
  assert.equal(sumsub.parseWebhook(...args(standIn.webhook(externalId, 'applicantTagsChanged'))).status, null);
  const forged = standIn.webhook(externalId, 'applicantReviewed');
  assert.throws(() => sumsub.parseWebhook(forged.rawBody, { ...forged.headers, 'x-payload-digest': '00'.repeat(32) }), (error: unknown) => error instanceof ApiError && error.code === 'INVALID_SIGNATURE');
  const undated = standIn.webhook(externalId, 'applicantReviewed', new Date(), { createdAtMs: undefined });
  assert.throws(() => sumsub.parseWebhook(undated.rawBody, undated.headers), (error: unknown) => error instanceof ApiError && error.code === 'BAD_REQUEST');
});

const args = (webhook: { rawBody: Buffer; headers: Record<string, string> }) => [webhook.rawBody, webhook.headers] as const;
