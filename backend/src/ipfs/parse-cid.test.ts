import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { base36 } from 'multiformats/bases/base36';
import { base58btc } from 'multiformats/bases/base58';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { identity } from 'multiformats/hashes/identity';
import { sha256, sha512 } from 'multiformats/hashes/sha2';
import { IpfsError, type IpfsErrorCode } from './errors.ts';
import { JSON_CODEC, MAX_CID_TEXT_LENGTH, parseCid, RAW_CODEC } from './parse-cid.ts';

// The Helia json-codec vector the registry's IpfsUri tests use: json.add({ hello: 'world' }).
const CARD_CID = 'bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea';
const RAW_CID = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';

function refusal(input: string | CID): IpfsErrorCode {
  try {
    parseCid(input);
  } catch (error) {
    assert.ok(error instanceof IpfsError, `unexpected ${(error as Error)?.name}: ${(error as Error)?.message}`);
    return error.code;
  }
  assert.fail(`accepted ${String(input)}`);
}

test('raw and json CIDv1 with sha2-256 are accepted', () => {
  const card = parseCid(CARD_CID);
  assert.equal(card.code, JSON_CODEC);
  assert.equal(Buffer.from(card.multihash.digest).toString('hex'), '93a23971a914e5eacbf0a8d25154cda309c3c1c72fbb9914d47c60f3cb681588');
  assert.equal(parseCid(RAW_CID).code, RAW_CODEC);
});

test('other multibases are accepted and printed back in canonical base32', () => {
  const cid = CID.parse(CARD_CID);
  for (const text of [cid.toString(base58btc), cid.toString(base36)]) {
    assert.notEqual(text, CARD_CID);
    assert.equal(parseCid(text).toString(), CARD_CID);
  }
});

test('CIDs that cannot be verified or are not served are refused by kind', async () => {
  const bytes = new TextEncoder().encode('{}');
  assert.equal(refusal('bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'), 'UNSUPPORTED_CODEC'); // dag-pb
  assert.equal(refusal('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'), 'UNSUPPORTED_CODEC'); // CIDv0
  assert.equal(refusal(CID.createV1(0x71, await sha256.digest(bytes)).toString()), 'UNSUPPORTED_CODEC'); // dag-cbor
  assert.equal(refusal(CID.createV1(RAW_CODEC, await sha512.digest(bytes)).toString()), 'UNSUPPORTED_HASH');
  // An identity "hash" carries the content in the CID itself: anyone could make this node serve anything.
  assert.equal(refusal(CID.createV1(RAW_CODEC, identity.digest(bytes)).toString()), 'UNSUPPORTED_HASH');
  // A truncated sha2-256 digest (Helia accepts these) cannot be the registry's 32-byte metadata hash.
  const truncated = Digest.create(0x12, (await sha256.digest(bytes)).digest.subarray(0, 20));
  assert.equal(refusal(CID.createV1(RAW_CODEC, truncated).toString()), 'UNSUPPORTED_HASH');
  assert.equal(refusal(CID.createV1(RAW_CODEC, truncated)), 'UNSUPPORTED_HASH');
});

test('malformed text is INVALID_CID', () => {
  const cases = [
    '',
    ' ',
    'hello',
    `${CARD_CID} `,
    ` ${CARD_CID}`,
    CARD_CID.toUpperCase(),
    `B${CARD_CID.slice(1).toUpperCase()}`,
    CARD_CID.slice(0, -1),
    `${CARD_CID}a`,
    `${CARD_CID}/x`,
    CARD_CID.replace('a', '1'),
    'b',
    'z',
    'Qm',
    'k',
    'f01551220',
    `z${'1'.repeat(MAX_CID_TEXT_LENGTH)}`,
    'b'.repeat(100_000),
    '../../etc/passwd',
    '%00',
    '\u0000',
    '\ud800',
    '😀',
    'bafkrei\u0000',
    '__proto__',
    'constructor',
  ];
  for (const text of cases) assert.equal(refusal(text), 'INVALID_CID', JSON.stringify(text));
});

test('arbitrary strings and mutated CIDs never raise anything but an IpfsError', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 140 }),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz234567QmzkfB1'), maxLength: 140 }).map((tail) => `b${tail}`),
    fc.tuple(fc.constantFrom(CARD_CID, RAW_CID), fc.nat(), fc.string({ maxLength: 3 })).map(([cid, at, insert]) => {
      const i = at % cid.length;
      return cid.slice(0, i) + insert + cid.slice(i + 1);
    }),
  );
  fc.assert(
    fc.property(anyText, (text) => {
      try {
        const cid = parseCid(text);
        // Whatever is accepted is a served, verifiable CID.
        assert.ok([RAW_CODEC, JSON_CODEC].includes(cid.code));
        assert.equal(cid.multihash.digest.length, 32);
      } catch (error) {
        assert.ok(error instanceof IpfsError, `${JSON.stringify(text)} raised ${(error as Error)?.name}`);
      }
    }),
    { numRuns: 5_000 },
  );
});
