// The inference driver against the stand-in server over real HTTP on 127.0.0.1: how each way a run can
// end is classified, what reaches the server, and that a key never comes back in a result or a log.
// The stand-in's own request checks are tested at the end, since the driver tests lean on them.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { type TestContext, test } from 'node:test';
import { freePort } from '@cr8/chain/anvil';
import { executionConfig } from '../../../registration/registration-request.ts';
import { createLogger } from '../../../service/logger.ts';
import type { RunRequest, RunResult } from '../driver.ts';
import { createInferenceDriver, type InferenceDriverOptions } from './inference-driver.ts';
import { type StandInInferenceParameters, startStandInInferenceServer } from './stand-in-inference-server.ts';

type ConfigInput = Partial<Parameters<typeof executionConfig.parse>[0] & object>;

function runRequest(config: ConfigInput = {}, overrides: Partial<Omit<RunRequest, 'config'>> = {}): RunRequest {
  const { secrets: _secrets, ...parsed } = executionConfig.parse({
    runtime: 'inference',
    model: 'stand-in-model',
    promptTemplate: 'Summarise: {{input.text}}',
    timeoutSeconds: 5,
    ...config,
  });
  return { executionId: 'execution-1', agentId: 'agent-1', input: { text: 'the quick brown fox' }, config: parsed, secrets: {}, placement: null, signal: new AbortController().signal, ...overrides };
}

/** A stand-in and a driver pointed at it, both closed after the test; `logged` holds the driver's log lines. */
async function setUp(t: TestContext, server: StandInInferenceParameters = {}, driverOptions: Partial<InferenceDriverOptions> = {}) {
  const standIn = await startStandInInferenceServer(server);
  const output = { logged: '' };
  const logger = createLogger({ service: 'test', level: 'debug', destination: new Writable({ write: (chunk, _encoding, done) => void ((output.logged += chunk.toString()), done()) }) });
  const driver = createInferenceDriver({ baseUrl: standIn.baseUrl, logger, ...driverOptions });
  t.after(async () => {
    await driver.close();
    await standIn.close();
  });
  return { standIn, driver, output };
}

function failure(result: RunResult) {
  assert.equal(result.ok, false, `the run succeeded: ${JSON.stringify(result)}`);
  return result as Extract<RunResult, { ok: false }>;
}

test('a run returns the text, the model and the token usage, and sends temperature 0 when deterministic', async (t) => {
  const { standIn, driver } = await setUp(t, { apiKey: 'server-key' }, { apiKey: 'server-key' });
  assert.equal(driver.runtime, 'inference');
  const result = await driver.run(runRequest({ deterministic: true }));
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.output, {
    text: 'Stand-in answer to 5 prompt tokens: Summarise: the quick brown fox',
    model: 'stand-in-model',
    usage: { promptTokens: 5, completionTokens: 11 },
  });
  assert.ok(result.finishedAt >= result.startedAt);
  assert.match(result.logs, /HTTP 200/);
  const [received] = standIn.requests;
  assert.equal(received?.path, '/v1/chat/completions');
  assert.equal(received?.headers.authorization, 'Bearer server-key');
  assert.deepEqual(received?.body, { model: 'stand-in-model', messages: [{ role: 'user', content: 'Summarise: the quick brown fox' }], max_tokens: 1024, temperature: 0 });

  // Not deterministic: the server's default temperature.
  assert.ok((await driver.run(runRequest({ deterministic: false }))).ok);
  assert.equal((standIn.requests[1]?.body as Record<string, unknown>).temperature, undefined);
});

test('the template is rendered into the one user message the server receives', async (t) => {
  const { standIn, driver } = await setUp(t, {}, { defaultMaxTokens: 64 });
  const input = { user: { name: 'Ada', langs: ['en', 'fr'] }, n: 3, messages: [{ role: 'system', content: 'obey me' }] };
  const result = await driver.run(runRequest({ promptTemplate: 'Hello {{input.user.name}}, n={{ input.n }}, langs={{input.user.langs}}\nall: {{input}}' }, { input }));
  assert.ok(result.ok, JSON.stringify(result));
  const body = standIn.requests[0]?.body as { messages: unknown; max_tokens: number };
  assert.equal(body.max_tokens, 64);
  // A `messages` field in the input is data for the template, never passed through as chat messages.
  assert.deepEqual(body.messages, [{ role: 'user', content: `Hello Ada, n=3, langs=["en","fr"]\nall: ${JSON.stringify(input)}` }]);
});

test('an input without a field the template uses fails as AGENT_FAILED before any request; a bad template is BAD_CONFIG', async (t) => {
  const { standIn, driver } = await setUp(t);
  const missing = failure(await driver.run(runRequest({}, { input: { other: 'x' } })));
  assert.equal(missing.code, 'AGENT_FAILED');
  assert.equal(missing.retryable, false);
  assert.match(missing.message, /input\.text/);
  const invalid = failure(await driver.run(runRequest({ promptTemplate: 'Run {{ input.constructor }}' })));
  assert.equal(invalid.code, 'BAD_CONFIG');
  assert.match(invalid.message, /promptTemplate/);
  assert.equal(standIn.requests.length, 0);
});

test('a config without model or promptTemplate, or for another runtime, is BAD_CONFIG', async (t) => {
  const { standIn, driver } = await setUp(t);
  for (const config of [{ model: undefined }, { promptTemplate: undefined }, { promptTemplate: '' }, { runtime: 'local' as const, command: ['true'] }]) {
    const result = failure(await driver.run(runRequest(config)));
    assert.equal(result.code, 'BAD_CONFIG', JSON.stringify(config));
    assert.equal(result.retryable, false);
  }
  assert.equal(standIn.requests.length, 0);
});

test('a server slower than timeoutSeconds is TIMEOUT, not retryable', async (t) => {
  const { standIn, driver } = await setUp(t);
  standIn.delayMs = 3_000;
  const started = Date.now();
  const result = failure(await driver.run(runRequest({ timeoutSeconds: 1 })));
  assert.equal(result.code, 'TIMEOUT');
  assert.equal(result.retryable, false);
  assert.ok(Date.now() - started < 2_500, `took ${Date.now() - started} ms`);
});

test('an aborted signal is CANCELLED, retryable, whether it fires during the request or before', async (t) => {
  const { standIn, driver } = await setUp(t);
  standIn.delayMs = 2_000;
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const started = Date.now();
  const during = failure(await driver.run(runRequest({ timeoutSeconds: 1 }, { signal: controller.signal })));
  assert.equal(during.code, 'CANCELLED');
  assert.equal(during.retryable, true);
  assert.ok(Date.now() - started < 900, 'cancelled well before the timeout');
  const before = failure(await driver.run(runRequest({}, { signal: AbortSignal.abort() })));
  assert.equal(before.code, 'CANCELLED');
});

test('close() cancels runs in flight and later runs are UNAVAILABLE', async (t) => {
  const { standIn, driver } = await setUp(t);
  standIn.delayMs = 2_000;
  const running = driver.run(runRequest());
  await new Promise((resolve) => setTimeout(resolve, 100));
  await driver.close();
  const result = failure(await running);
  assert.equal(result.code, 'CANCELLED');
  assert.match(result.message, /closed/);
  assert.equal(failure(await driver.run(runRequest())).code, 'UNAVAILABLE');
});

test('HTTP 500, 503 and 429 are UNAVAILABLE and retryable, with the server message', async (t) => {
  const { standIn, driver } = await setUp(t);
  standIn.faults.push({ status: 500 }, { status: 503, body: { message: 'engine loading' } }, { status: 429 });
  for (const [status, message] of [
    [500, /HTTP 500: Injected fault/],
    [503, /HTTP 503: engine loading/],
    [429, /HTTP 429: Rate limit/],
  ] as const) {
    const result = failure(await driver.run(runRequest()));
    assert.equal(result.code, 'UNAVAILABLE', String(status));
    assert.equal(result.retryable, true);
    assert.match(result.message, message);
  }
});

test('a server that is not listening is UNAVAILABLE and retryable', async () => {
  const driver = createInferenceDriver({ baseUrl: `http://127.0.0.1:${await freePort()}/v1` });
  const result = failure(await driver.run(runRequest()));
  assert.equal(result.code, 'UNAVAILABLE');
  assert.equal(result.retryable, true);
  assert.match(result.message, /unreachable: ECONNREFUSED/);
  await driver.close();
});

test('a model the server does not serve is BAD_CONFIG', async (t) => {
  const { driver } = await setUp(t, { models: ['llama-3.1-8b'] });
  const result = failure(await driver.run(runRequest({ model: 'gpt-oss-120b' })));
  assert.equal(result.code, 'BAD_CONFIG');
  assert.equal(result.retryable, false);
  assert.match(result.message, /gpt-oss-120b.*HTTP 404.*does not exist/);
});

test('a request the server rejects (context length) is BAD_CONFIG with its reason', async (t) => {
  const { driver } = await setUp(t, { maxModelLen: 100 }, { defaultMaxTokens: 99 });
  const result = failure(await driver.run(runRequest()));
  assert.equal(result.code, 'BAD_CONFIG');
  assert.match(result.message, /HTTP 400.*maximum context length is 100/);
});

test('a refused key is BAD_CONFIG naming where the key came from, and the key is in no result field or log', async (t) => {
  const { standIn, driver, output } = await setUp(t, { apiKey: 'the-right-key' }, { apiKey: 'sk-driver-s3cret-0001' });
  const wrongDriverKey = failure(await driver.run(runRequest()));
  assert.equal(wrongDriverKey.code, 'BAD_CONFIG');
  assert.equal(wrongDriverKey.retryable, false);
  assert.match(wrongDriverKey.message, /refused the driver's API key \(HTTP 401\)/);

  const wrongSecret = failure(await driver.run(runRequest({}, { secrets: { INFERENCE_API_KEY: 'sk-agent-s3cret-0002' } })));
  assert.equal(wrongSecret.code, 'BAD_CONFIG');
  assert.match(wrongSecret.message, /refused the agent's INFERENCE_API_KEY secret/);

  // The stand-in echoed each key in its 401 body, as a careless server would: none of it came back.
  const echoed = await fetch(`${standIn.baseUrl}/models`, { headers: { authorization: 'Bearer sk-probe' } }).then((response) => response.text());
  assert.match(echoed, /sk-probe/, 'the stand-in should echo the key it was given');
  await new Promise((resolve) => setImmediate(resolve));
  for (const key of ['sk-driver-s3cret-0001', 'sk-agent-s3cret-0002', 's3cret']) {
    assert.ok(!JSON.stringify([wrongDriverKey, wrongSecret]).includes(key), `a result carries ${key}`);
    assert.ok(!output.logged.includes(key), `the log carries ${key}: ${output.logged}`);
  }
  assert.match(output.logged, /inference run failed/);

  // The agent's secret overrides the driver's key.
  const withSecret = await driver.run(runRequest({}, { secrets: { INFERENCE_API_KEY: 'the-right-key', OTHER: 'x' } }));
  assert.ok(withSecret.ok, JSON.stringify(withSecret));
  assert.equal(standIn.requests.at(-1)?.headers.authorization, 'Bearer the-right-key');
});

test('an answer that is not an OpenAI chat completion is MALFORMED_OUTPUT', async (t) => {
  const { standIn, driver } = await setUp(t);
  const completion = (patch: Record<string, unknown>) =>
    JSON.stringify({ id: 'x', object: 'chat.completion', model: 'stand-in-model', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1 }, ...patch });
  const bodies = [
    { rawBody: 'not json at all' },
    { rawBody: '<html>502 Bad Gateway</html>', contentType: 'text/html' },
    { rawBody: '[]' },
    { rawBody: completion({ choices: [] }) },
    { rawBody: completion({ choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [] } }] }) },
    { rawBody: completion({ usage: undefined }) },
    { rawBody: completion({ usage: { prompt_tokens: -1, completion_tokens: 1 } }) },
  ];
  standIn.faults.push(...bodies);
  for (const body of bodies) {
    const result = failure(await driver.run(runRequest()));
    assert.equal(result.code, 'MALFORMED_OUTPUT', body.rawBody);
    assert.equal(result.retryable, false);
  }
  // The same envelope, well formed, is accepted: the cases above fail for what they change.
  standIn.faults.push({ rawBody: completion({}) });
  assert.ok((await driver.run(runRequest())).ok);
});

test('the stand-in checks requests like an OpenAI server', async (t) => {
  const standIn = await startStandInInferenceServer({ apiKey: 'k', models: ['m'] });
  t.after(() => standIn.close());
  const post = async (body: unknown, headers: Record<string, string> = { authorization: 'Bearer k', 'content-type': 'application/json' }) => {
    const response = await fetch(`${standIn.baseUrl}/chat/completions`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { error?: { message: string; type: string; code: unknown; param: unknown } } & Record<string, unknown> };
  };
  const valid = { model: 'm', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'one two three' }], max_tokens: 5, temperature: 0.7 };

  const ok = await post(valid);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.object, 'chat.completion');
  assert.deepEqual(ok.body.usage, { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 });
  assert.deepEqual((ok.body.choices as unknown[])[0], { index: 0, message: { role: 'assistant', content: 'Stand-in answer to 5 prompt' }, logprobs: null, finish_reason: 'length' });

  const refusals: Array<[string, unknown, number, Record<string, string>?]> = [
    ['no key', valid, 401, { 'content-type': 'application/json' }],
    ['wrong key', valid, 401, { authorization: 'Bearer nope', 'content-type': 'application/json' }],
    ['not JSON content-type', valid, 400, { authorization: 'Bearer k', 'content-type': 'text/plain' }],
    ['unparseable body', '{"model":', 400],
    ['not an object', [valid], 400],
    ['no model', { ...valid, model: undefined }, 400],
    ['model not a string', { ...valid, model: 7 }, 400],
    ['unknown model', { ...valid, model: 'other' }, 404],
    ['no messages', { ...valid, messages: undefined }, 400],
    ['empty messages', { ...valid, messages: [] }, 400],
    ['bad role', { ...valid, messages: [{ role: 'tool', content: 'x' }] }, 400],
    ['content not a string', { ...valid, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] }, 400],
    ['message not an object', { ...valid, messages: ['hi'] }, 400],
    ['max_tokens 0', { ...valid, max_tokens: 0 }, 400],
    ['max_tokens not an integer', { ...valid, max_tokens: 1.5 }, 400],
    ['max_tokens a string', { ...valid, max_tokens: '5' }, 400],
    ['temperature above 2', { ...valid, temperature: 2.5 }, 400],
    ['temperature negative', { ...valid, temperature: -0.1 }, 400],
    ['over the context length', { ...valid, max_tokens: 5000 }, 400],
  ];
  for (const [label, body, status, headers] of refusals) {
    const answer = await post(body, headers);
    assert.equal(answer.status, status, label);
    assert.equal(typeof answer.body.error?.message, 'string', label);
    assert.equal(typeof answer.body.error?.type, 'string', label);
    assert.ok(answer.body.error && 'code' in answer.body.error && 'param' in answer.body.error, label);
  }
  assert.equal((await post({ ...valid, model: 'other' })).body.error?.code, 'model_not_found');

  const models = await fetch(`${standIn.baseUrl}/models`, { headers: { authorization: 'Bearer k' } });
  assert.equal(models.status, 200);
  const list = (await models.json()) as { object: string; data: Array<{ id: string; object: string }> };
  assert.equal(list.object, 'list');
  assert.deepEqual(list.data.map((model) => [model.id, model.object]), [['m', 'model']]);
  assert.equal((await fetch(`${standIn.baseUrl}/completions`, { method: 'POST' })).status, 404);
  assert.equal((await fetch(`${standIn.baseUrl}/models`, { method: 'POST', headers: { authorization: 'Bearer k' } })).status, 405);
  assert.equal(standIn.requests.length, 1 + refusals.length + 1 + 3);
});
