import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentRegistryAbi, cr8TokenAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { freePort } from '../anvil.ts';
import { localChain } from '../local-chain.ts';
import { DEV_PARENT_CR8 } from './parent-contracts.ts';
import { DEVNET_L3_CHAIN_ID, readDevnetInfo, startDevnet } from './start-devnet.ts';

const CARD_URI = 'ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea';

async function ports() {
  return { parentPort: await freePort(), l3Port: await freePort() };
}

async function registerAgent(rpcUrl: string, privateKey: `0x${string}`) {
  const chain = localChain({ id: DEVNET_L3_CHAIN_ID, rpcUrl });
  const client = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 100 });
  const creator = createWalletClient({ chain, transport: http(rpcUrl), account: privateKeyToAccount(privateKey) });
  const hash = await creator.writeContract({ address: predeployAddress.AgentRegistry, abi: agentRegistryAbi, functionName: 'register', args: [CARD_URI] });
  assert.equal((await client.waitForTransactionReceipt({ hash })).status, 'success');
  return client;
}

test('a fresh devnet: both chains, the parent contracts at the addresses genesis.json expects, devnet.json written', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'cr8-devnet-'));
  const devnet = await startDevnet({ ...(await ports()), stateDir, blockTime: 1, parentBlockTime: 1 });
  try {
    assert.equal(devnet.resumed, false);
    assert.equal(devnet.l3.chainId, DEVNET_L3_CHAIN_ID);
    assert.equal(devnet.parentDeployment.CR8ParentBridge, devnet.genesisParams.parent.cr8Bridge);
    assert.equal(devnet.parentDeployment.CR8Token, devnet.genesisParams.parent.cr8Token);
    assert.deepEqual(await readDevnetInfo(stateDir), {
      parent: devnet.parent,
      l3: devnet.l3,
      parentDeployment: devnet.parentDeployment,
      finalizationPeriodSeconds: devnet.finalizationPeriodSeconds,
    });
    const parent = createPublicClient({ transport: http(devnet.parent.rpcUrl) });
    const balance = await parent.readContract({ address: devnet.parentDeployment.CR8Token, abi: cr8TokenAbi, functionName: 'balanceOf', args: [devnet.accounts[5]!.address] });
    assert.equal(balance, DEV_PARENT_CR8);
    const l3 = createPublicClient({ transport: http(devnet.l3.rpcUrl) });
    assert.equal(await l3.readContract({ address: predeployAddress.AgentRegistry, abi: agentRegistryAbi, functionName: 'totalAgents' }), 0n);
    assert.equal(await l3.getBalance({ address: devnet.accounts[4]!.address }), devnet.genesisParams.prefund[devnet.accounts[4]!.address]);
  } finally {
    await devnet.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
});

test('a persisted devnet keeps both chains across a restart, and survives kill -9 of the L3', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'cr8-devnet-persist-'));
  const chainPorts = await ports();
  try {
    const first = await startDevnet({ ...chainPorts, persist: true, stateDir, blockTime: 1 });
    assert.equal(first.resumed, false);
    const client = await registerAgent(first.l3.rpcUrl, first.accounts[1]!.privateKey);
    await first.stop();

    const second = await startDevnet({ ...chainPorts, persist: true, stateDir, blockTime: 1 });
    assert.equal(second.resumed, true);
    assert.deepEqual(second.parentDeployment, first.parentDeployment);
    assert.equal(await client.readContract({ address: predeployAddress.AgentRegistry, abi: agentRegistryAbi, functionName: 'totalAgents' }), 1n);
    await registerAgent(second.l3.rpcUrl, second.accounts[2]!.privateKey);
    await new Promise((r) => setTimeout(r, 3_000)); // longer than the 2 s save interval
    second.processes.l3.kill('SIGKILL'); // a crash: no orderly shutdown, no final save
    await new Promise((r) => second.processes.l3.once('exit', r));
    await second.stop();

    const third = await startDevnet({ ...chainPorts, persist: true, stateDir, blockTime: 1 });
    try {
      assert.equal(third.resumed, true);
      assert.equal(await client.readContract({ address: predeployAddress.AgentRegistry, abi: agentRegistryAbi, functionName: 'totalAgents' }), 2n);
    } finally {
      await third.stop();
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
});
