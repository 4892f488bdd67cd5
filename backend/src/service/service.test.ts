import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { z } from 'zod';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createService } from './service.ts';

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { lines, logger: createLogger({ service: 'test', destination }) };
}

test('loadConfig returns typed values and lists every bad variable without echoing values', () => {
  const schema = z.object({ PORT: z.coerce.number().int().min(1).max(65_535), SECRET_KEY: z.string().length(64) });
  assert.deepEqual(loadConfig('api', schema, { PORT: '4000', SECRET_KEY: 'a'.repeat(64) }), { PORT: 4000, SECRET_KEY: 'a'.repeat(64) });
  assert.throws(
    () => loadConfig('api', schema, { PORT: 'http', SECRET_KEY: 'hunter2' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'INVALID_CONFIG');
      assert.deepEqual(error.issues.map((issue) => issue.variable).sort(), ['PORT', 'SECRET_KEY']);
      assert.ok(!error.message.includes('hunter2'), 'a secret value reached the error message');
      return true;
    },
  );
});

test('the logger redacts secrets wherever they appear', async () => {
  const { lines, logger } = captureLogs();
  logger.info({ privateKey: '0xdeadbeef', nested: { apiKey: 'cr8_live_abc', password: 'pw' }, req: { headers: { authorization: 'Bearer cr8_live_abc' } } }, 'hello');
  await new Promise((resolve) => setImmediate(resolve));
  const text = JSON.stringify(lines);
  for (const secret of ['0xdeadbeef', 'cr8_live_abc', '"pw"']) assert.ok(!text.includes(secret), `${secret} was logged`);
  assert.equal(lines[0]?.msg, 'hello');
  assert.equal(lines[0]?.privateKey, '[redacted]');
});

test('readiness reports each check, and turns false while shutting down', async () => {
  const { logger } = captureLogs();
  const service = createService({ name: 'test', logger, defaultMetrics: false });
  let databaseUp = true;
  service.addReadinessCheck('database', async () => {
    if (!databaseUp) throw new Error('connection refused');
  });
  assert.deepEqual(await service.readiness(), { ready: true, checks: { database: { ok: true } } });
  databaseUp = false;
  assert.deepEqual(await service.readiness(), { ready: false, checks: { database: { ok: false, error: 'connection refused' } } });
  databaseUp = true;
  await service.shutdown('test');
  assert.equal((await service.readiness()).ready, false);
});

test('shutdown runs hooks last-registered first, once, and a hung or failing hook cannot block the rest', async () => {
  const { lines, logger } = captureLogs();
  const service = createService({ name: 'test', logger, shutdownTimeoutMs: 50, defaultMetrics: false });
  const order: string[] = [];
  service.onShutdown('database', async () => void order.push('database'));
  service.onShutdown('hangs', () => new Promise(() => {}));
  service.onShutdown('fails', async () => {
    throw new Error('boom');
  });
  service.onShutdown('http', async () => void order.push('http'));
  await Promise.all([service.shutdown('SIGTERM'), service.shutdown('SIGINT')]);
  assert.deepEqual(order, ['http', 'database']);
  const failures = lines.filter((line) => line.msg === 'shutdown hook failed').map((line) => line.hook);
  assert.deepEqual(failures.sort(), ['fails', 'hangs']);
});

test('metrics are exposed in Prometheus text format with the service label', async () => {
  const { logger } = captureLogs();
  const service = createService({ name: 'cr8-test', logger });
  const text = await service.metrics.metrics();
  assert.match(text, /process_cpu_user_seconds_total\{service="cr8-test"\}/);
  assert.equal(service.metrics.contentType.split(';')[0], 'text/plain');
});
