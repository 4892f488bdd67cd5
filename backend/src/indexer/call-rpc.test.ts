// A failing RPC call must not carry the RPC URL's path or query (where hosted RPCs put their API key)
// into errors and logs, and must keep what the too-large detection reads.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { freePort } from '@cr8/chain/anvil';
import { createLogger } from '../service/logger.ts';
import { callRpc } from './call-rpc.ts';
import { createRpcClient } from './create-rpc-client.ts';
import { RpcFailedError } from './errors.ts';
import { isLogQueryTooLarge } from './get-logs-in-range.ts';

test('an RPC failure names the node by origin only, in the error and in the logs', async () => {
  const port = await freePort(); // nothing listens there
  const client = createRpcClient(`http://127.0.0.1:${port}/v2/s3cret-key?apikey=s3cret-query`, { timeoutMs: 2_000 });
  const error = await callRpc(client, 'eth_blockNumber', []).then(
    () => assert.fail('the call succeeded'),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof RpcFailedError);
  let logged = '';
  const logger = createLogger({ service: 'test', destination: new Writable({ write: (chunk, _encoding, done) => void ((logged += chunk.toString()), done()) }) });
  logger.error({ err: error }, 'step failed');
  await new Promise((resolve) => setImmediate(resolve));
  assert.match(logged, new RegExp(`http://127\\.0\\.0\\.1:${port}`), 'the node should still be named');
  assert.match(logged, /caused by/, 'the cause chain is kept');
  assert.ok(!logged.includes('s3cret'), `the URL's secret part was logged: ${logged}`);
  assert.ok(!`${error.message}${error.stack}`.includes('s3cret'));
});

test('the sanitized chain keeps the JSON-RPC code that marks a log query as too large', async () => {
  const anvilLike = { request: async () => Promise.reject(Object.assign(new Error('query returned more than 10000 results'), { code: -32005 })) };
  const error = await callRpc(anvilLike as never, 'eth_getLogs', []).catch((failure: unknown) => failure);
  assert.ok(error instanceof RpcFailedError);
  assert.equal(isLogQueryTooLarge(error.cause), true);
  assert.equal(isLogQueryTooLarge(new Error('connection refused')), false);
});
