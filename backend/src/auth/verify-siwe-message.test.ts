// The SIWE message checks on their own (no database, a fixed clock), including contract wallets
// through an injected public client.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { ApiError } from '../api/api-error.ts';
import { CR8_L3_CHAIN_ID } from './config.ts';
import { type SiweOptions, type SiwePublicClient, verifySiweMessage } from './verify-siwe-message.ts';
import { newAccount } from './test-auth-api.ts';

const NOW = new Date('2026-11-01T12:00:00.000Z');
const OPTIONS: SiweOptions = { domains: ['app.cr8.example', 'localhost:3000'], chainId: CR8_L3_CHAIN_ID, nonceTtlSeconds: 600 };
const account = newAccount();

function message(fields: Partial<Parameters<typeof createSiweMessage>[0]> = {}): string {
  return createSiweMessage({ address: account.address, chainId: CR8_L3_CHAIN_ID, domain: 'app.cr8.example', nonce: 'a1b2c3d4e5f6a7b8', uri: 'https://app.cr8.example/login', version: '1', issuedAt: new Date(NOW.getTime() - 60_000), ...fields });
}

async function refusal(promise: Promise<unknown>): Promise<[number, string, unknown]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return [error.status, error.code, error.details?.field];
  }
  assert.fail('expected a refusal');
}

test('a well-formed message signed by its address verifies, returning the lower-case address', async () => {
  const text = message({ expirationTime: new Date(NOW.getTime() + 60_000), notBefore: new Date(NOW.getTime() - 1_000), statement: 'Sign in', resources: ['https://cr8.example/terms'] });
  const verified = await verifySiweMessage({ message: text, signature: await account.signMessage({ message: text }) }, OPTIONS, NOW);
  assert.deepEqual(verified, { address: account.address.toLowerCase(), nonce: 'a1b2c3d4e5f6a7b8', issuedAt: new Date(NOW.getTime() - 60_000), expirationTime: new Date(NOW.getTime() + 60_000) });
});

test('each rule refuses with its code', async () => {
  const sign = async (text: string) => ({ message: text, signature: await account.signMessage({ message: text }) });
  const cases: Array<[string, Promise<{ message: string; signature: string }>, [number, string, unknown]]> = [
    ['domain', sign(message({ domain: 'evil.example' })), [400, 'INVALID_ARGUMENT', 'domain']],
    ['chain', sign(message({ chainId: 1 })), [400, 'INVALID_ARGUMENT', 'chainId']],
    ['uri', sign(message({ uri: 'ipfs://bafy' })), [400, 'INVALID_ARGUMENT', 'uri']],
    ['scheme', sign(message({ scheme: 'ws' })), [400, 'INVALID_ARGUMENT', 'scheme']],
    ['expired', sign(message({ expirationTime: NOW })), [401, 'MESSAGE_EXPIRED', undefined]],
    ['not before', sign(message({ notBefore: new Date(NOW.getTime() + 1) })), [401, 'MESSAGE_EXPIRED', undefined]],
    ['stale', sign(message({ issuedAt: new Date(NOW.getTime() - 601_000) })), [401, 'MESSAGE_EXPIRED', undefined]],
    ['future', sign(message({ issuedAt: new Date(NOW.getTime() + 301_000) })), [401, 'MESSAGE_EXPIRED', undefined]],
    ['other signer', newAccount().signMessage({ message: message() }).then((signature) => ({ message: message(), signature })), [401, 'INVALID_SIGNATURE', undefined]],
    ['short nonce', sign(message().replace('a1b2c3d4e5f6a7b8', 'a1b2')), [401, 'NONCE_INVALID', undefined]],
    ['bad date', sign(message().replace(/Issued At: .*/, 'Issued At: 2026-13-45T99:00:00Z')), [400, 'INVALID_ARGUMENT', 'issuedAt']],
    ['missing nonce', sign(message().replace(/\nNonce: .*/, '')), [400, 'INVALID_ARGUMENT', 'message']],
    ['odd signature', Promise.resolve({ message: message(), signature: '0xabc' }), [400, 'INVALID_ARGUMENT', 'signature']],
  ];
  for (const [name, input, expected] of cases) assert.deepEqual(await refusal(verifySiweMessage(await input, OPTIONS, NOW)), expected, name);
  // A port that is not allowed is another domain; an allowed one with its port passes the domain check.
  assert.deepEqual(await refusal(verifySiweMessage(await sign(message({ domain: 'localhost:3001' })), OPTIONS, NOW)), [400, 'INVALID_ARGUMENT', 'domain']);
  await verifySiweMessage(await sign(message({ domain: 'localhost:3000', uri: 'http://localhost:3000' })), OPTIONS, NOW);
});

test('a contract wallet is checked through the public client only when ECDSA recovery does not match', async () => {
  const wallet = `0x${'c0'.repeat(20)}` as const;
  const text = message({ address: wallet });
  const signature = `0x${'11'.repeat(300)}`;
  const calls: unknown[] = [];
  const client = (answer: boolean | Error): SiwePublicClient => ({
    verifyMessage: async (parameters) => {
      calls.push(parameters);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  assert.equal((await verifySiweMessage({ message: text, signature }, { ...OPTIONS, publicClient: client(true) }, NOW)).address, wallet);
  assert.deepEqual(calls[0], { address: getAddress(wallet), message: text, signature });
  assert.deepEqual(await refusal(verifySiweMessage({ message: text, signature }, { ...OPTIONS, publicClient: client(false) }, NOW)), [401, 'INVALID_SIGNATURE', undefined]);
  assert.deepEqual(await refusal(verifySiweMessage({ message: text, signature }, { ...OPTIONS, publicClient: client(new Error('rpc down')) }, NOW)), [503, 'UPSTREAM_UNAVAILABLE', undefined]);
  assert.deepEqual(await refusal(verifySiweMessage({ message: text, signature }, OPTIONS, NOW)), [401, 'INVALID_SIGNATURE', undefined]);
  // An EOA signature never reaches the client.
  calls.length = 0;
  const eoa = message();
  await verifySiweMessage({ message: eoa, signature: await account.signMessage({ message: eoa }) }, { ...OPTIONS, publicClient: client(false) }, NOW);
  assert.equal(calls.length, 0);
});
