// `cr8 dev` as a newcomer runs it: chains, embedded PostgreSQL, API, indexer, IPFS and the orchestrator
// come up on loopback; an agent registered on the L3 shows up in the indexed events; the printed command
// executes an example agent, whose receipt then settles on the L3; Ctrl-C stops everything.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cr8/chain/anvil';
import { agentRegistryAbi, executionReceiptsAbi } from '@cr8/contracts';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const cr8 = fileURLToPath(new URL('../../bin/cr8', import.meta.url));

test('cr8 dev runs the chains and the backend, indexes what happens on the L3, and stops on Ctrl-C', { timeout: 180_000 }, async () => {
  const [port, parentPort, apiPort, postgresPort, statusPort, ipfsPort, orchestratorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const directory = await mkdtemp(join(tmpdir(), 'cr8-dev-'));
  // The embedded PostgreSQL runs as the postgres user when tests run as root: it must be able to enter.
  await chmod(directory, 0o711);
  const env: NodeJS.ProcessEnv = { ...process.env, IPFS_LISTEN: `/ip4/127.0.0.1/tcp/${ipfsPort}`, RATE_LIMIT_PREFIX: `cr8:dev-test:${apiPort}`, EXECUTION_QUEUE_PREFIX: `cr8-dev-test-${apiPort}` };
  delete env.DATABASE_URL;
  const child = spawn(
    cr8,
    ['dev', '--port', String(port), '--parent-port', String(parentPort), '--api-port', String(apiPort), '--postgres-port', String(postgresPort), '--indexer-status-port', String(statusPort), '--orchestrator-status-port', String(orchestratorPort), '--state-dir', join(directory, 'devnet'), '--backend-dir', join(directory, 'backend')],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 120_000;
    while (!output.includes('Press Ctrl-C')) {
      if (child.exitCode !== null) assert.fail(`cr8 dev exited early:\n${output}`);
      if (Date.now() > deadline) assert.fail(`cr8 dev was not ready within 120 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const api = `http://127.0.0.1:${apiPort}`;
    assert.match(output, /PostgreSQL\s+postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/cr8 \(embedded\)/);
    assert.doesNotMatch(output, /postgres:\/\/postgres:[^*]/, 'the embedded password is never printed');
    const ready = (await (await fetch(`${api}/ready`)).json()) as { ready: boolean; checks: Record<string, unknown> };
    assert.equal(ready.ready, true, JSON.stringify(ready));
    assert.deepEqual(Object.keys(ready.checks).sort(), ['database', 'ipfs']);
    assert.equal((await fetch(`http://127.0.0.1:${statusPort}/ready`)).status, 200);

    // Dev account 1 registers an agent on the L3 predeploy; the indexer picks the event up.
    const wallet = createWalletClient({ transport: http(`http://127.0.0.1:${port}`), account: privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d') });
    await wallet.writeContract({ chain: null, address: '0xC800000000000000000000000000000000000001', abi: agentRegistryAbi, functionName: 'register', args: ['ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea'] });
    const indexedBy = Date.now() + 30_000;
    let indexed = 0;
    while (indexed === 0) {
      if (Date.now() > indexedBy) assert.fail('the AgentRegistered event was not indexed within 30 s');
      const metrics = await (await fetch(`http://127.0.0.1:${statusPort}/metrics`)).text();
      indexed = Number(/^cr8_indexer_events_total(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const agents = (await (await fetch(`${api}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ agents(first: 10) { edges { node { name status } } } }' }) })).json()) as { data: { agents: { edges: { node: { name: string; status: string } }[] } } };
    assert.deepEqual(agents.data.agents.edges.map((edge) => edge.node.name).sort(), ['echo', 'sentiment', 'text-stats'], 'the example agents are registered');
    assert.equal((await fetch(`http://127.0.0.1:${orchestratorPort}/ready`)).status, 200);

    // The printed commands: execute text-stats as the dev payer, read the result, see the receipt on the L3.
    const key = /API key (cr8_key_\S+)/.exec(output)?.[1];
    const executeUrl = /(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/agents\/[0-9a-f-]+\/execute)/.exec(output)?.[1];
    assert.ok(key && executeUrl, output);
    const submitted = await fetch(executeUrl, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ input: { text: 'CR8 runs agents off-chain. It settles them on-chain.' } }) });
    assert.equal(submitted.status, 200);
    const { executionId, status } = (await submitted.json()) as { executionId: string; status: string };
    assert.equal(status, 'queued');
    let execution: { status: string; result: { words?: number } | null; costWei: string | null } = { status: 'queued', result: null, costWei: null };
    for (const doneBy = Date.now() + 30_000; !['succeeded', 'failed', 'timed_out'].includes(execution.status); ) {
      if (Date.now() > doneBy) assert.fail(`the execution is still ${execution.status} after 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      execution = (await (await fetch(`${api}/api/v1/executions/${executionId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as typeof execution;
    }
    assert.equal(execution.status, 'succeeded', JSON.stringify(execution));
    assert.equal(execution.result?.words, 10);
    assert.equal(execution.costWei, '1000000000000000');
    const orchestrator = /Orchestrator .*\(dev account 6 (0x[0-9a-f]{40})/.exec(output)?.[1] as `0x${string}`;
    const l3 = createPublicClient({ transport: http(`http://127.0.0.1:${port}`) });
    for (const settledBy = Date.now() + 30_000; ; ) {
      const next = await l3.readContract({ address: '0xc800000000000000000000000000000000000011', abi: executionReceiptsAbi, functionName: 'nextSequence', args: [orchestrator] });
      if (next >= 1n) break;
      if (Date.now() > settledBy) assert.fail('no receipt batch was posted to ExecutionReceipts within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    child.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.match(output, /stopped/);
    await assert.rejects(fetch(`${api}/health`), 'the API still answers after Ctrl-C');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
  }
});
