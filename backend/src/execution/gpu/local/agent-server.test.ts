// The local driver in persistent mode: one JSON-lines server process per agent, against real processes
// (the example agents, and test agents written to a temp dir). Each test uses its own agent id, so its
// own server.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exampleAgentCommand } from '../../agents/example-agents.ts';
import type { ExecutionDriver, RunErrorCode, RunRequest, RunResult } from '../driver.ts';
import { createLocalDriver } from './local-driver.ts';

const root = mkdtempSync(join(tmpdir(), 'cr8-agent-server-'));
const workDir = join(root, 'work');
const agentsDir = join(root, 'agents');
mkdirSync(agentsDir);
const serveAgentUrl = pathToFileURL(fileURLToPath(new URL('../../agents/serve-agent.ts', import.meta.url))).href;

function writeAgent(name: string, source: string): string[] {
  const file = join(agentsDir, `${name}.mjs`);
  writeFileSync(file, source);
  return [process.execPath, file];
}

// Speaks both protocols through the shipped helper; its input says how to misbehave.
const testAgent = writeAgent(
  'test-agent',
  `import { BadInputError, serveAgent } from '${serveAgentUrl}';
  import { setTimeout as sleep } from 'node:timers/promises';
  serveAgent(async (input, context) => {
    if (input.crash) process.exit(3);
    if (input.sleepMs) await sleep(input.sleepMs);
    if (input.bad) throw new BadInputError('bad on purpose');
    context.log('handled ' + input.n);
    return { pid: process.pid, n: input.n, executionId: context.executionId, env: input.env ? process.env : undefined };
  });`,
);

// Writes raw protocol lines, to break the protocol in ways the helper never would.
const rawAgent = writeAgent(
  'raw-agent',
  `import { createInterface } from 'node:readline';
  createInterface({ input: process.stdin }).on('line', (line) => {
    const { id, input } = JSON.parse(line);
    const reply = (response) => process.stdout.write(JSON.stringify(response) + '\\n');
    if (input.mode === 'no-output') reply({ id });
    else if (input.mode === 'large') reply({ id, output: 'x'.repeat(5_000) });
    else if (input.mode === 'huge') reply({ id, output: 'x'.repeat(2_000_000) });
    else if (input.mode === 'noise') { process.stdout.write('debug noise\\n'); reply({ id, output: 'after noise' }); }
    else reply({ id, output: input });
  });`,
);

let sequence = 0;
function request(agentId: string, command: string[], input: unknown, overrides: { timeoutSeconds?: number; secrets?: Record<string, string>; signal?: AbortSignal } = {}): RunRequest {
  sequence += 1;
  return {
    executionId: `execution-${sequence}`,
    agentId,
    input,
    config: { runtime: 'local', command, timeoutSeconds: overrides.timeoutSeconds ?? 10, maxConcurrent: 1000, deterministic: false },
    secrets: overrides.secrets ?? {},
    placement: null,
    signal: overrides.signal ?? new AbortController().signal,
  };
}

function assertOk(result: RunResult): asserts result is Extract<RunResult, { ok: true }> {
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
}
function assertFailed(result: RunResult, code: RunErrorCode): asserts result is Extract<RunResult, { ok: false }> {
  assert.ok(!result.ok, `expected ${code}, got success ${JSON.stringify(result)}`);
  assert.equal(result.code, code, `expected ${code}, got ${result.code}: ${result.message}`);
}
function pidOf(result: RunResult): number {
  assertOk(result);
  return (result.output as { pid: number }).pid;
}
function isAlive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
async function waitForDeath(pid: number, withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await sleep(20)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

let driver: ExecutionDriver;
before(() => {
  driver = createLocalDriver({ workDir, persistent: true });
});
after(async () => {
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

describe('example agents in server mode', () => {
  test('echo, text-stats and sentiment answer over JSON lines', async () => {
    const echoed = await driver.run(request('echo', exampleAgentCommand('echo'), { hello: ['world'] }));
    assertOk(echoed);
    assert.deepEqual(echoed.output, { hello: ['world'] });
    const stats = await driver.run(request('text-stats', exampleAgentCommand('text-stats'), { text: 'One two. Three!' }));
    assertOk(stats);
    assert.equal((stats.output as { words: number }).words, 3);
    const scored = await driver.run(request('sentiment', exampleAgentCommand('sentiment'), { text: 'This is awful.' }));
    assertOk(scored);
    assert.equal((scored.output as { label: string }).label, 'negative');
  });

  test('bad input is AGENT_FAILED and the server keeps serving', async () => {
    const command = exampleAgentCommand('sentiment');
    const bad = await driver.run(request('sentiment-bad', command, { text: ['not', 'a', 'string'] }));
    assertFailed(bad, 'AGENT_FAILED');
    assert.equal(bad.retryable, false);
    assert.match(bad.message, /^bad input: text must be a string/);
    assertOk(await driver.run(request('sentiment-bad', command, { text: 'fine' })));
  });
});

describe('one process, many requests', () => {
  test('concurrent requests share one process, each with its own output and logs', async () => {
    const results = await Promise.all(Array.from({ length: 500 }, (_, n) => driver.run(request('many', testAgent, { n }))));
    const pids = new Set<number>();
    results.forEach((result, n) => {
      assertOk(result);
      const output = result.output as { pid: number; n: number };
      assert.equal(output.n, n);
      assert.equal(result.logs, `handled ${n}`);
      pids.add(output.pid);
    });
    assert.equal(pids.size, 1);
  });

  test('the server gets a scrubbed environment with the protocol and agent id; the execution id comes per request', async () => {
    process.env.CR8_TEST_HOST_SECRET = 'host-only';
    try {
      const run = request('env', testAgent, { env: true }, { secrets: { AGENT_API_KEY: 'agent-key' } });
      const result = await driver.run(run);
      assertOk(result);
      const { env, executionId } = result.output as { env: Record<string, string>; executionId: string };
      assert.equal(env.CR8_TEST_HOST_SECRET, undefined);
      assert.equal(env.AGENT_API_KEY, 'agent-key');
      assert.equal(env.CR8_PROTOCOL, 'jsonl');
      assert.equal(env.CR8_AGENT_ID, 'env');
      assert.equal(env.CR8_EXECUTION_ID, undefined);
      assert.equal(executionId, run.executionId);
      assert.ok(env.HOME?.startsWith(`${workDir}/server-`));
    } finally {
      delete process.env.CR8_TEST_HOST_SECRET;
    }
  });

  test('rotated secrets get a new server', async () => {
    const first = pidOf(await driver.run(request('rotate', testAgent, {}, { secrets: { KEY: 'one' } })));
    assert.equal(pidOf(await driver.run(request('rotate', testAgent, {}, { secrets: { KEY: 'one' } }))), first);
    assert.notEqual(pidOf(await driver.run(request('rotate', testAgent, {}, { secrets: { KEY: 'two' } }))), first);
  });
});

describe('failures', () => {
  test('a request over its timeout is TIMEOUT; the process is killed, others in flight UNAVAILABLE; the next request gets a new process', async () => {
    const first = pidOf(await driver.run(request('timeout', testAgent, { n: 0 })));
    const slow = driver.run(request('timeout', testAgent, { sleepMs: 5_000 }, { timeoutSeconds: 1 }));
    const bystander = driver.run(request('timeout', testAgent, { sleepMs: 3_000 }));
    const quick = await driver.run(request('timeout', testAgent, { n: 1 }));
    assert.equal(pidOf(quick), first, 'requests answered before the timeout are unaffected');
    const started = Date.now();
    const [slowResult, bystanderResult] = await Promise.all([slow, bystander]);
    assertFailed(slowResult, 'TIMEOUT');
    assert.equal(slowResult.retryable, false);
    assertFailed(bystanderResult, 'UNAVAILABLE');
    assert.equal(bystanderResult.retryable, true);
    assert.ok(Date.now() - started < 2_000);
    assert.ok(await waitForDeath(first, 2_000), 'the stuck process was killed');
    assert.notEqual(pidOf(await driver.run(request('timeout', testAgent, { n: 2 }))), first);
  });

  test('a crash fails the requests in flight UNAVAILABLE and a new process serves the next', async () => {
    const first = pidOf(await driver.run(request('crash', testAgent, { n: 0 })));
    const [crashed, bystander] = await Promise.all([driver.run(request('crash', testAgent, { sleepMs: 50, crash: true })), driver.run(request('crash', testAgent, { sleepMs: 2_000 }))]);
    assertFailed(crashed, 'UNAVAILABLE');
    assert.equal(crashed.retryable, true);
    assert.match(crashed.message, /exited with code 3/);
    assertFailed(bystander, 'UNAVAILABLE');
    const next = pidOf(await driver.run(request('crash', testAgent, { n: 1 })));
    assert.notEqual(next, first);
  });

  test('a cancelled request is CANCELLED and the server goes on', async () => {
    const first = pidOf(await driver.run(request('cancel', testAgent, { n: 0 })));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const cancelled = await driver.run(request('cancel', testAgent, { sleepMs: 2_000 }, { signal: controller.signal }));
    assertFailed(cancelled, 'CANCELLED');
    assert.equal(cancelled.retryable, true);
    assert.equal(pidOf(await driver.run(request('cancel', testAgent, { n: 1 }))), first);
  });

  test('protocol violations: no output, output over the limit, stray lines', async () => {
    const small = createLocalDriver({ workDir, persistent: true, maxOutputBytes: 1_000 });
    try {
      assertFailed(await small.run(request('raw', rawAgent, { mode: 'no-output' })), 'MALFORMED_OUTPUT');
      assertFailed(await small.run(request('raw', rawAgent, { mode: 'large' })), 'MALFORMED_OUTPUT');
      const huge = await small.run(request('raw', rawAgent, { mode: 'huge' }));
      assertFailed(huge, 'MALFORMED_OUTPUT');
      assert.match(huge.message, /larger than 1000 bytes/);
      const noisy = await small.run(request('raw', rawAgent, { mode: 'noise' }));
      assertOk(noisy);
      assert.equal(noisy.output, 'after noise');
    } finally {
      await small.close();
    }
  });
});

describe('lifecycle', () => {
  test('an idle server is stopped and its directory removed; the next request starts another', async () => {
    const idle = createLocalDriver({ workDir: join(root, 'idle-work'), persistent: true, idleTimeoutMs: 200 });
    try {
      const result = await idle.run(request('idle', testAgent, { env: true }));
      const first = pidOf(result);
      assertOk(result);
      const home = (result.output as { env: { HOME: string } }).env.HOME;
      assert.ok(await waitForDeath(first, 2_000), 'the idle server was stopped');
      for (const deadline = Date.now() + 1_000; existsSync(home) && Date.now() < deadline; ) await sleep(20);
      assert.equal(existsSync(home), false);
      assert.notEqual(pidOf(await idle.run(request('idle', testAgent, {}))), first);
    } finally {
      await idle.close();
    }
  });

  test('close() cancels requests in flight, kills the servers and leaves no directory', async () => {
    const closing = createLocalDriver({ workDir: join(root, 'closing-work'), persistent: true });
    const pid = pidOf(await closing.run(request('closing', testAgent, {})));
    const inFlight = closing.run(request('closing', testAgent, { sleepMs: 5_000 }));
    await closing.close();
    assertFailed(await inFlight, 'CANCELLED');
    assert.ok(await waitForDeath(pid, 1_000));
    assert.deepEqual(readdirSync(join(root, 'closing-work')), []);
    assertFailed(await closing.run(request('closing', testAgent, {})), 'UNAVAILABLE');
  });
});
