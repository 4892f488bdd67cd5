import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPublicClient, http, zeroAddress } from 'viem';
import { startAnvil } from '@cr8/chain/anvil';
import { devAccounts } from '@cr8/chain';
import { DeployError, deployContracts } from './deploy.ts';
import { agentMarketAbi, agentRegistryAbi, feeDistributorAbi, proxyAdminAbi } from './generated.ts';

test('deployContracts deploys a wired, initialized system and returns its addresses', async () => {
  const anvil = await startAnvil();
  try {
    const [deployer, governance] = devAccounts(2);
    const deployment = await deployContracts({
      rpcUrl: anvil.rpcUrl,
      privateKey: deployer!.privateKey,
      admin: governance!.address,
    });
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    assert.equal(deployment.chainId, anvil.chainId);
    for (const [name, address] of Object.entries(deployment)) {
      if (name === 'chainId') continue;
      const code = await client.getCode({ address: address as `0x${string}` });
      assert.ok(code && code.length > 2, `${name} has no code`);
    }
    // Governance, not the deployer, owns the ProxyAdmin and holds the admin role.
    const owner = await client.readContract({ address: deployment.ProxyAdmin, abi: proxyAdminAbi, functionName: 'owner' });
    assert.equal(owner, governance!.address);
    const adminRole = await client.readContract({
      address: deployment.AgentRegistry,
      abi: agentRegistryAbi,
      functionName: 'DEFAULT_ADMIN_ROLE',
    });
    assert.equal(
      await client.readContract({
        address: deployment.AgentRegistry,
        abi: agentRegistryAbi,
        functionName: 'hasRole',
        args: [adminRole, governance!.address],
      }),
      true,
    );
    // The cross-references are wired: the market knows the registry and the distributor.
    assert.equal(
      await client.readContract({ address: deployment.AgentMarket, abi: agentMarketAbi, functionName: 'REGISTRY' }),
      deployment.AgentRegistry,
    );
    const split = await client.readContract({
      address: deployment.FeeDistributor,
      abi: feeDistributorAbi,
      functionName: 'feeSplit',
    });
    assert.equal(split.holdersBps + split.stakersBps + split.creatorBps + split.orchestratorBps + split.treasuryBps, 10_000);
    assert.notEqual(deployment.AgentRegistry, zeroAddress);
  } finally {
    await anvil.stop();
  }
});

test('deployContracts reports a DeployError when the chain is unreachable', async () => {
  const [deployer] = devAccounts(1);
  await assert.rejects(
    deployContracts({ rpcUrl: 'http://127.0.0.1:1', privateKey: deployer!.privateKey }),
    (error: unknown) => error instanceof DeployError && /cannot read the gas price from http:\/\/127\.0\.0\.1:1/.test(error.message),
  );
});
