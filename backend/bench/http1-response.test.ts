import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeResponse, MalformedResponseError } from './http1-response.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');

test('a Content-Length response ends after its body, and not before all of it has arrived', () => {
  const whole = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';
  assert.deepEqual(completeResponse(bytes(whole)), { statusCode: 200, end: whole.length, close: false });
  for (let cut = 0; cut < whole.length; cut++) assert.equal(completeResponse(bytes(whole.slice(0, cut))), null, `cut at ${cut}`);
});

test('a chunked response ends after its last chunk and trailers, wherever the bytes were split', () => {
  const plain = 'HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\nConnection: keep-alive\r\n\r\n5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\n\r\n';
  const trailers = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\nX-Checksum: 1\r\n\r\n';
  for (const [whole, statusCode] of [[plain, 404], [trailers, 200]] as const) {
    assert.deepEqual(completeResponse(bytes(whole)), { statusCode, end: whole.length, close: false });
    for (let cut = 0; cut < whole.length; cut++) assert.equal(completeResponse(bytes(whole.slice(0, cut))), null, `cut at ${cut}`);
  }
});

test('reports Connection: close, and bodiless statuses end with their head', () => {
  assert.deepEqual(completeResponse(bytes('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')), { statusCode: 200, end: 57, close: true });
  assert.deepEqual(completeResponse(bytes('HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n')), { statusCode: 204, end: 55, close: false });
});

test('refuses what is not a framed HTTP/1.1 response', () => {
  for (const bad of [
    'SSH-2.0-OpenSSH\r\n\r\n',
    'HTTP/1.1 200 OK\r\n\r\nbody until close',
    'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
    'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  ])
    assert.throws(() => completeResponse(bytes(bad)), MalformedResponseError, bad);
  assert.throws(() => completeResponse(Buffer.alloc(70 * 1024, 'a')), MalformedResponseError);
});
