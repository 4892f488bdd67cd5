// The load generator keeps its rate while the server stalls, and counts the stall in every latency due
// during it (a closed-loop generator would instead stop sending and report one slow request).
import assert from 'node:assert/strict';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { runConstantRate } from './constant-rate.ts';

/** A server on a free loopback port answering with `handler`, and its origin. */
async function serve(handler: RequestListener) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

test('sends at the planned rate and measures latency from when each request was due', async () => {
  const arrivals: number[] = [];
  let stalled = false;
  const server = await serve((request, response) => {
    arrivals.push(performance.now());
    const answer = () => response.writeHead(request.url === '/missing' ? 404 : 200).end('ok');
    // The 20th request to arrive holds its connection (the only one) for 300 ms.
    if (arrivals.length === 20 && !stalled) {
      stalled = true;
      setTimeout(answer, 300);
    } else answer();
  });
  const { origin } = server;
  try {
    const result = await runConstantRate({
      origin,
      requestsPerSecond: 100,
      durationSeconds: 1,
      connections: 1,
      next: (index) => ({ method: 'GET', path: index === 50 ? '/missing' : '/' }),
    });
    assert.equal(result.sent, 100);
    assert.equal(result.ok + result.non2xx + result.errors, 100);
    assert.equal(result.non2xx, 1);
    // About 30 requests were due while the connection was held: each waited, most of them for over 100 ms.
    assert.ok(result.latencyMs.max >= 290, `max ${result.latencyMs.max} ms`);
    assert.ok(result.latencyMs.p90 >= 50, `p90 ${result.latencyMs.p90} ms: the stall must show in many requests, not one`);
    // Sending did not pause: the whole run took about one second plus the stall's backlog, not 100 round trips of waiting.
    assert.ok(result.servedPerSecond > 60, `${result.servedPerSecond} req/s`);
  } finally {
    server.close();
  }
});

test('reports the p99 of each second: a stall in the third second shows there, not in the others', async () => {
  let arrivals = 0;
  const server = await serve((_request, response) => {
    arrivals++;
    // Request 250 (due 2.5 s in) holds the only connection for 200 ms.
    if (arrivals === 250) setTimeout(() => response.writeHead(200).end('ok'), 200);
    else response.writeHead(200).end('ok');
  });
  try {
    const result = await runConstantRate({ origin: server.origin, requestsPerSecond: 100, durationSeconds: 4, connections: 1, next: () => ({ method: 'GET', path: '/' }) });
    assert.equal(result.ok, 400);
    assert.equal(result.p99BySecondMs.length, 4);
    assert.ok(result.p99BySecondMs[2]! >= 150, `third second's p99 ${result.p99BySecondMs[2]} ms`);
    for (const second of [0, 1, 3]) assert.ok(result.p99BySecondMs[second]! < 100, `second ${second}: p99 ${result.p99BySecondMs[second]} ms`);
  } finally {
    server.close();
  }
});

test('a warm-up runs at the rate on the same connections and flows into the measured seconds, counted apart', async () => {
  let arrivals = 0;
  const server = await serve((_request, response) => {
    arrivals++;
    // Request 10 (due 0.1 s in, in the warm-up) holds the only connection for 300 ms.
    if (arrivals === 10) setTimeout(() => response.writeHead(200).end('ok'), 300);
    else response.writeHead(arrivals % 25 === 0 ? 503 : 200).end('ok');
  });
  try {
    const startedAt = performance.now();
    const measuredStarts: number[] = [];
    const result = await runConstantRate({
      origin: server.origin,
      requestsPerSecond: 100,
      warmupSeconds: 1,
      durationSeconds: 1,
      connections: 1,
      next: () => ({ method: 'GET', path: '/' }),
      onMeasuredStart: () => measuredStarts.push(performance.now() - startedAt),
    });
    assert.equal(arrivals, 200);
    assert.deepEqual(result.warmup, { sent: 100, ok: 96, non2xx: 4, errors: 0 });
    assert.deepEqual({ sent: result.sent, ok: result.ok, non2xx: result.non2xx, errors: result.errors }, { sent: 100, ok: 96, non2xx: 4, errors: 0 });
    assert.equal(measuredStarts.length, 1);
    assert.ok(measuredStarts[0]! >= 990, `the measured seconds started ${measuredStarts[0]} ms in`);
    // The warm-up's 300 ms stall is in none of the measured figures.
    assert.ok(result.latencyMs.max < 300, `measured max ${result.latencyMs.max} ms`);
    assert.equal(result.p99BySecondMs.length, 1);
  } finally {
    server.close();
  }
});

test('counts a dropped connection as an error and goes on, over chunked and Connection: close answers', async () => {
  let arrivals = 0;
  const bodies: string[] = [];
  const server = await serve((request, response) => {
    arrivals++;
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      bodies.push(body);
      // The 10th request's connection is dropped unanswered; every 7th answer closes its connection;
      // the rest are chunked (no Content-Length), as streaming servers answer.
      if (arrivals === 10) return request.socket.destroy();
      if (arrivals % 7 === 0) return response.writeHead(200, { connection: 'close', 'content-length': '2' }).end('ok');
      response.writeHead(200);
      response.write('chunk one,');
      response.end(' chunk two');
    });
  });
  const { origin } = server;
  try {
    const result = await runConstantRate({
      origin,
      requestsPerSecond: 200,
      durationSeconds: 0.5,
      connections: 2,
      next: (index) => ({ method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ index, text: 'é' }) }),
    });
    assert.equal(result.sent, 100);
    assert.equal(result.errors, 1);
    assert.equal(result.ok, 99);
    assert.equal(arrivals, 100);
    // Bodies arrived whole (Content-Length counted in bytes, not characters).
    assert.deepEqual(bodies.map((body) => (JSON.parse(body) as { text: string }).text), Array(100).fill('é'));
  } finally {
    server.close();
  }
});

test('refuses a rate, duration or connection count that is not positive', async () => {
  for (const bad of [{ requestsPerSecond: 0 }, { durationSeconds: -1 }, { connections: 0 }, { warmupSeconds: -1 }, { warmupSeconds: Number.NaN }])
    await assert.rejects(runConstantRate({ origin: 'http://127.0.0.1:1', requestsPerSecond: 10, durationSeconds: 1, connections: 1, next: () => ({ method: 'GET', path: '/' }), ...bad }), RangeError);
});
