import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { agentRegistryAbi } from '@cr8/contracts';
import { freePort } from '../anvil.ts';
import { localChain } from '../local-chain.ts';
import { DEVNET_L3_CHAIN_ID, startDevnet } from './start-devnet.ts';

const CARD_URI = 'ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea';

test('a persisted devnet keeps its contracts and agents across a restart', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'cr8-devnet-'));
  const port = await freePort();
  try {
    const first = await startDevnet({ port, persist: true, stateDir });
    assert.equal(first.resumed, false);
    assert.equal(first.l3.chainId, DEVNET_L3_CHAIN_ID);
    const chain = localChain({ id: DEVNET_L3_CHAIN_ID, rpcUrl: first.l3.rpcUrl });
    const client = createPublicClient({ chain, transport: http(first.l3.rpcUrl) });
    const creator = createWalletClient({ chain, transport: http(first.l3.rpcUrl), account: privateKeyToAccount(first.accounts[1]!.privateKey) });
    const hash = await creator.writeContract({
      address: first.deployment.AgentRegistry,
      abi: agentRegistryAbi,
      functionName: 'register',
      args: [CARD_URI],
    });
    assert.equal((await client.waitForTransactionReceipt({ hash })).status, 'success');
    await first.stop();

    const second = await startDevnet({ port, persist: true, stateDir });
    try {
      assert.equal(second.resumed, true);
      assert.deepEqual(second.deployment, first.deployment);
      const total = await client.readContract({
        address: second.deployment.AgentRegistry,
        abi: agentRegistryAbi,
        functionName: 'totalAgents',
      });
      assert.equal(total, 1n);
      const uri = await client.readContract({
        address: second.deployment.AgentRegistry,
        abi: agentRegistryAbi,
        functionName: 'tokenURI',
        args: [1n],
      });
      assert.equal(uri, CARD_URI);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
});

test('a persisted devnet loses nothing older than the save interval when anvil is killed', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'cr8-devnet-crash-'));
  const port = await freePort();
  try {
    const first = await startDevnet({ port, persist: true, stateDir });
    const chain = localChain({ id: DEVNET_L3_CHAIN_ID, rpcUrl: first.l3.rpcUrl });
    const client = createPublicClient({ chain, transport: http(first.l3.rpcUrl) });
    const creator = createWalletClient({ chain, transport: http(first.l3.rpcUrl), account: privateKeyToAccount(first.accounts[2]!.privateKey) });
    const hash = await creator.writeContract({
      address: first.deployment.AgentRegistry,
      abi: agentRegistryAbi,
      functionName: 'register',
      args: [CARD_URI],
    });
    assert.equal((await client.waitForTransactionReceipt({ hash })).status, 'success');
    await new Promise((r) => setTimeout(r, 3_000)); // longer than the 2 s save interval
    first.process.kill('SIGKILL'); // a crash: no orderly shutdown, no final save
    await new Promise((r) => first.process.once('exit', r));

    const second = await startDevnet({ port, persist: true, stateDir });
    try {
      assert.equal(second.resumed, true);
      const total = await client.readContract({
        address: second.deployment.AgentRegistry,
        abi: agentRegistryAbi,
        functionName: 'totalAgents',
      });
      assert.equal(total, 1n);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
});

test('a devnet without --persist starts fresh every time', async () => {
  const port = await freePort();
  const devnet = await startDevnet({ port });
  try {
    assert.equal(devnet.resumed, false);
    const client = createPublicClient({ transport: http(devnet.l3.rpcUrl) });
    assert.equal(
      await client.readContract({ address: devnet.deployment.AgentRegistry, abi: agentRegistryAbi, functionName: 'totalAgents' }),
      0n,
    );
  } finally {
    await devnet.stop();
  }
});
