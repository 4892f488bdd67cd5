// The local driver, one process per run, against real processes: the example agents, and failure
// agents the tests write to a temp dir. Everything listens on and connects to 127.0.0.1 only.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { exampleAgentCommand } from '../../agents/example-agents.ts';
import type { ExecutionDriver, RunErrorCode, RunRequest, RunResult } from '../driver.ts';
import { createLocalDriver } from './local-driver.ts';

const root = mkdtempSync(join(tmpdir(), 'cr8-local-driver-'));
const workDir = join(root, 'work');
const agentsDir = join(root, 'agents');
mkdirSync(agentsDir);

/** Writes a plain-JS test agent and returns the command running it with this Node. */
function writeAgent(name: string, source: string): string[] {
  const file = join(agentsDir, `${name}.mjs`);
  writeFileSync(file, source);
  return [process.execPath, file];
}
const READ_INPUT = "let text = ''; for await (const chunk of process.stdin) text += chunk; const input = JSON.parse(text);";

let sequence = 0;
function request(command: string[] | undefined, input: unknown, overrides: { timeoutSeconds?: number; secrets?: Record<string, string>; signal?: AbortSignal } = {}): RunRequest {
  sequence += 1;
  return {
    executionId: `execution-${sequence}`,
    agentId: 'agent-7',
    input,
    config: { runtime: 'local', ...(command ? { command } : {}), timeoutSeconds: overrides.timeoutSeconds ?? 10, maxConcurrent: 4, deterministic: false },
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
  assert.equal(result.code, code, `expected ${code}, got ${result.code}: ${result.message}\n${result.logs}`);
}

/** Dead or a zombie (killed, not yet reaped by whoever inherited it). */
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
  driver = createLocalDriver({ workDir });
});
after(async () => {
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

describe('example agents', () => {
  test('echo returns its input', async () => {
    const input = { a: [1, 'two', null], nested: { ok: true } };
    const result = await driver.run(request(exampleAgentCommand('echo'), input));
    assertOk(result);
    assert.deepEqual(result.output, input);
    assert.ok(result.finishedAt >= result.startedAt);
  });

  test('text-stats counts a text', async () => {
    const result = await driver.run(request(exampleAgentCommand('text-stats'), { text: 'The cat sat. The cat ran!\n\nA dog barked.', top: 2 }));
    assertOk(result);
    const stats = result.output as Record<string, unknown>;
    assert.equal(stats.words, 9);
    assert.equal(stats.sentences, 3);
    assert.equal(stats.paragraphs, 2);
    assert.deepEqual(stats.topWords, [
      { word: 'cat', count: 2 },
      { word: 'barked', count: 1 },
    ]);
  });

  test('sentiment scores a text', async () => {
    const result = await driver.run(request(exampleAgentCommand('sentiment'), { text: 'I love it. The docs are not bad.' }));
    assertOk(result);
    const scored = result.output as { label: string; positive: string[] };
    assert.equal(scored.label, 'positive');
    assert.deepEqual(scored.positive, ['love', 'not bad']);
  });

  test('bad input fails AGENT_FAILED, not retryable, with the reason in message and logs', async () => {
    const result = await driver.run(request(exampleAgentCommand('text-stats'), { text: 42 }));
    assertFailed(result, 'AGENT_FAILED');
    assert.equal(result.retryable, false);
    assert.match(result.message, /exited with code 2: bad input: text must be a string/);
    assert.match(result.logs, /bad input: text must be a string, got number 42/);
  });
});

describe('configuration', () => {
  test('a missing, unknown or relative command is BAD_CONFIG', async () => {
    assertFailed(await driver.run(request(undefined, {})), 'BAD_CONFIG');
    assertFailed(await driver.run(request(['cr8-no-such-command'], {})), 'BAD_CONFIG');
    assertFailed(await driver.run(request([join(root, 'missing-agent')], {})), 'BAD_CONFIG');
    assertFailed(await driver.run(request(['./agent.mjs'], {})), 'BAD_CONFIG');
  });

  test('a node command cannot set its own heap size', async () => {
    const result = await driver.run(request([process.execPath, '--max-old-space-size=8192', join(agentsDir, 'any.mjs')], {}));
    assertFailed(result, 'BAD_CONFIG');
  });
});

describe('output', () => {
  test('stdout that is not JSON is MALFORMED_OUTPUT', async () => {
    const result = await driver.run(request(writeAgent('not-json', "process.stdout.write('hello, not json');"), {}));
    assertFailed(result, 'MALFORMED_OUTPUT');
    assert.equal(result.retryable, false);
  });

  test('no output at all is MALFORMED_OUTPUT', async () => {
    assertFailed(await driver.run(request(writeAgent('silent', ''), {})), 'MALFORMED_OUTPUT');
  });

  test('output over the limit is MALFORMED_OUTPUT', async () => {
    const small = createLocalDriver({ workDir, maxOutputBytes: 1_000 });
    try {
      const result = await small.run(request(writeAgent('big', "process.stdout.write(JSON.stringify('x'.repeat(100_000)));"), {}));
      assertFailed(result, 'MALFORMED_OUTPUT');
      assert.match(result.message, /larger than 1000 bytes/);
    } finally {
      await small.close();
    }
  });
});

describe('stopping runs', () => {
  test('a run over its timeout is TIMEOUT and its whole process group dies', async () => {
    const command = writeAgent(
      'sleeper',
      "import { spawn } from 'node:child_process'; const child = spawn('sleep', ['60'], { stdio: 'ignore' }); process.stderr.write(`child ${child.pid}\\n`); setInterval(() => {}, 1000);",
    );
    const started = Date.now();
    const result = await driver.run(request(command, {}, { timeoutSeconds: 1 }));
    assertFailed(result, 'TIMEOUT');
    assert.equal(result.retryable, false);
    assert.ok(Date.now() - started < 3_000, 'stopped promptly');
    const childPid = Number(/child (\d+)/.exec(result.logs)?.[1]);
    assert.ok(childPid > 0, `the agent reported its child: ${result.logs}`);
    assert.ok(await waitForDeath(childPid, 2_000), `the agent's child ${childPid} was killed with it`);
  });

  test('an aborted signal is CANCELLED, retryable', async () => {
    const command = writeAgent('forever', 'setInterval(() => {}, 1000);');
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    const result = await driver.run(request(command, {}, { signal: controller.signal }));
    assertFailed(result, 'CANCELLED');
    assert.equal(result.retryable, true);
    assert.ok(Date.now() - started < 3_000);
    assertFailed(await driver.run(request(command, {}, { signal: AbortSignal.abort() })), 'CANCELLED');
  });

  test('close() cancels runs in flight and refuses new ones', async () => {
    const closing = createLocalDriver({ workDir });
    const inFlight = closing.run(request(writeAgent('forever-2', 'setInterval(() => {}, 1000);'), {}));
    await sleep(200);
    await closing.close();
    assertFailed(await inFlight, 'CANCELLED');
    assertFailed(await closing.run(request(exampleAgentCommand('echo'), {})), 'UNAVAILABLE');
  });
});

describe('memory limit', () => {
  let small: ExecutionDriver;
  before(() => {
    small = createLocalDriver({ workDir, memoryLimitMb: 64 });
  });
  after(() => small.close());

  test('a node agent over its heap limit is MEMORY_LIMIT', async () => {
    const command = writeAgent('node-hog', 'const keep = []; for (;;) keep.push(new Array(1_000_000).fill(1.5));');
    const result = await small.run(request(command, {}));
    assertFailed(result, 'MEMORY_LIMIT');
    assert.equal(result.retryable, false);
    assert.match(result.logs, /heap out of memory/);
  });

  test('a native agent over RLIMIT_AS is MEMORY_LIMIT', { skip: !existsSync('/usr/bin/perl') && 'no perl here' }, async () => {
    const result = await small.run(request(['/usr/bin/perl', '-e', '$x = "a" x (1024 * 1024 * 1024); print "{}"'], {}));
    assertFailed(result, 'MEMORY_LIMIT');
    assert.match(result.logs, /Out of memory/);
  });

  test('an agent within its limit is unaffected', async () => {
    assertOk(await small.run(request(exampleAgentCommand('echo'), { fine: true })));
  });
});

describe('sandbox', () => {
  const envAgent = () => writeAgent('env', "process.stdout.write(JSON.stringify({ env: process.env, cwd: process.cwd() }));");

  test('the environment holds only allowed host variables, the secrets and the ids', async () => {
    process.env.CR8_TEST_HOST_SECRET = 'host-only';
    try {
      const result = await driver.run(request(envAgent(), {}, { secrets: { AGENT_API_KEY: 'agent-key', HOME: '/tried/to/move/home' } }));
      assertOk(result);
      const { env, cwd } = result.output as { env: Record<string, string>; cwd: string };
      assert.equal(env.CR8_TEST_HOST_SECRET, undefined);
      assert.equal(env.AGENT_API_KEY, 'agent-key');
      assert.equal(env.CR8_EXECUTION_ID, `execution-${sequence}`);
      assert.equal(env.CR8_AGENT_ID, 'agent-7');
      assert.equal(env.HOME, cwd, 'HOME is the run directory, whatever the secrets say');
      assert.equal(env.PATH, process.env.PATH);
      const allowed = new Set(['PATH', 'LANG', 'HOME', 'TMPDIR', 'AGENT_API_KEY', 'CR8_EXECUTION_ID', 'CR8_AGENT_ID']);
      assert.deepEqual(Object.keys(env).filter((name) => !allowed.has(name)), []);
    } finally {
      delete process.env.CR8_TEST_HOST_SECRET;
    }
  });

  test('each run gets a fresh directory under workDir, removed afterwards', async () => {
    const first = await driver.run(request(envAgent(), {}));
    const second = await driver.run(request(envAgent(), {}));
    assertOk(first);
    assertOk(second);
    const cwds = [first, second].map((result) => (result.output as { cwd: string }).cwd);
    assert.notEqual(cwds[0], cwds[1]);
    for (const cwd of cwds) {
      assert.ok(cwd.startsWith(`${workDir}/run-`), cwd);
      assert.equal(existsSync(cwd), false, `${cwd} was removed`);
    }
  });

  describe('network', () => {
    let server: Server;
    let port: number;
    before(async () => {
      server = createServer((socket) => socket.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const connectAgent = () =>
      writeAgent(
        'connect',
        `import { connect } from 'node:net'; ${READ_INPUT}
        const socket = connect(input.port, '127.0.0.1');
        socket.on('connect', () => { process.stdout.write(JSON.stringify({ connected: true })); socket.destroy(); });
        socket.on('error', (error) => process.stdout.write(JSON.stringify({ connected: false, error: error.code })));`,
      );

    test('without isolation an agent reaches 127.0.0.1', async () => {
      const result = await driver.run(request(connectAgent(), { port }));
      assertOk(result);
      assert.deepEqual(result.output, { connected: true });
    });

    test('with isolateNetwork it cannot', async () => {
      const isolated = createLocalDriver({ workDir, isolateNetwork: true });
      try {
        const result = await isolated.run(request(connectAgent(), { port }));
        assertOk(result);
        assert.equal((result.output as { connected: boolean }).connected, false, JSON.stringify(result.output));
        // The rest of the sandbox still applies inside the namespace.
        assertOk(await isolated.run(request(exampleAgentCommand('echo'), 1)));
      } finally {
        await isolated.close();
      }
    });
  });

  test('no run directory is left behind', () => {
    assert.deepEqual(readdirSync(workDir), []);
  });
});
