import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { ApiError } from '../api/api-error.ts';
import { payloadDigest, signPayload, verifyPayloadDigest } from './payload-digest.ts';

const SECRET = 'webhook-secret';
const BODY = Buffer.from('{"applicantId":"5cb56e8e0a975a35f333cb83","type":"applicantReviewed"}');

const refusedWith = (code: string) => (error: unknown) => error instanceof ApiError && error.status === 401 && error.code === code;

test('the digest is the hex HMAC of the raw bytes, SHA-256 or SHA-512 as the algorithm header says', () => {
  assert.equal(payloadDigest(SECRET, BODY), createHmac('sha256', SECRET).update(BODY).digest('hex'));
  assert.equal(payloadDigest(SECRET, BODY, 'HMAC_SHA512_HEX'), createHmac('sha512', SECRET).update(BODY).digest('hex'));
  verifyPayloadDigest(SECRET, BODY, signPayload(SECRET, BODY));
  verifyPayloadDigest(SECRET, BODY, signPayload(SECRET, BODY, 'HMAC_SHA512_HEX'));
  // Without the algorithm header, Sumsub's default (SHA-256) is assumed; hex case does not matter.
  verifyPayloadDigest(SECRET, BODY, { 'x-payload-digest': payloadDigest(SECRET, BODY).toUpperCase() });
});

test('a missing, wrong, truncated, non-hex or wrongly keyed digest, or SHA-1, is INVALID_SIGNATURE', () => {
  const good = payloadDigest(SECRET, BODY);
  for (const headers of [
    {},
    { 'x-payload-digest': '' },
    { 'x-payload-digest': good.slice(0, -2) },
    { 'x-payload-digest': `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}` },
    { 'x-payload-digest': 'zz'.repeat(32) },
    { 'x-payload-digest': payloadDigest('other-secret', BODY) },
    { 'x-payload-digest': good, 'x-payload-digest-alg': 'HMAC_SHA512_HEX' },
    { 'x-payload-digest': createHmac('sha1', SECRET).update(BODY).digest('hex'), 'x-payload-digest-alg': 'HMAC_SHA1_HEX' },
    { 'x-payload-digest': good, 'x-payload-digest-alg': 'constructor' },
    { 'x-payload-digest': [good, good] },
  ]) {
    assert.throws(() => verifyPayloadDigest(SECRET, BODY, headers as never), refusedWith('INVALID_SIGNATURE'), JSON.stringify(headers));
  }
  // One changed byte in the body.
  assert.throws(() => verifyPayloadDigest(SECRET, Buffer.from(BODY.toString().replace('Reviewed', 'reviewed')), signPayload(SECRET, BODY)), refusedWith('INVALID_SIGNATURE'));
});
