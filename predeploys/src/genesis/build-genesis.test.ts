import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readGenesisParams } from '@cr8/chain/genesis-params';
import { getAddress } from 'viem';
import { implementationAddress, predeployAddress, predeploys } from '../addresses.ts';
import { buildGenesis, chainConfig } from './build-genesis.ts';
import { GenesisInjectError, injectPredeploys } from './inject-genesis.ts';

const ADMIN_SLOT = '0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103';
const IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

const params = await readGenesisParams();
const built = await buildGenesis({ params });
const account = (address: string) => built.alloc[address.toLowerCase()];

test('every proxied predeploy points at its implementation and is administered by the ProxyAdmin', () => {
  for (const predeploy of predeploys) {
    const proxy = account(predeploy.address);
    assert.ok(proxy?.code && proxy.code.length > 2, `${predeploy.name} has no code`);
    if (!predeploy.proxied) continue;
    assert.equal(getAddress(`0x${proxy.storage?.[ADMIN_SLOT]?.slice(-40)}`), predeployAddress.ProxyAdmin, `${predeploy.name} admin`);
    const implementation = implementationAddress(predeploy.address);
    assert.equal(getAddress(`0x${proxy.storage?.[IMPLEMENTATION_SLOT]?.slice(-40)}`), implementation, `${predeploy.name} implementation`);
    assert.ok((account(implementation)?.code?.length ?? 0) > 2, `${predeploy.name}'s implementation has no code`);
  }
});

test('the native supply sits in NativeAssetLiquidity, dev accounts are prefunded, owners come from the params', () => {
  assert.equal(BigInt(account(predeployAddress.NativeAssetLiquidity)!.balance), params.nativeLiquidity);
  for (const [address, amount] of Object.entries(params.prefund)) assert.equal(BigInt(account(address)!.balance), amount);
  // The ProxyAdmin's owner (slot 0 of its proxy).
  const owner = account(predeployAddress.ProxyAdmin)!.storage?.['0x0000000000000000000000000000000000000000000000000000000000000000'];
  assert.equal(getAddress(`0x${owner!.slice(-40)}`), params.owners.proxyAdminOwner);
});

test('the chain config carries the OP forks at their times and the EIP-1559 parameters', () => {
  const config = chainConfig(params);
  assert.equal(config.chainId, params.chainId);
  assert.equal(config.canyonTime, params.timestamp + params.forks.canyon!);
  assert.equal(config.shanghaiTime, config.canyonTime);
  assert.equal(config.cancunTime, config.ecotoneTime);
  assert.equal(config.isthmusTime, undefined, 'an unscheduled fork must be absent, not null');
  assert.deepEqual(config.optimism, {
    eip1559Elasticity: params.eip1559.elasticity,
    eip1559Denominator: params.eip1559.denominator,
    eip1559DenominatorCanyon: params.eip1559.denominatorCanyon,
  });
  // Holocene at genesis: extraData = version 0, denominator (Canyon), elasticity.
  assert.equal(built.extraData, `0x00${(250).toString(16).padStart(8, '0')}${(6).toString(16).padStart(8, '0')}`);
});

test('the build is deterministic', async () => {
  const again = await buildGenesis({ params });
  assert.deepEqual(again, built);
});

test('inject adds only the CR8 accounts to an op-deployer genesis and refuses collisions', () => {
  const base = {
    config: { chainId: params.chainId },
    alloc: { '4200000000000000000000000000000000000016': { balance: '0x0', code: '0x6000' as const } },
  };
  const { genesis, added } = injectPredeploys(base, built);
  assert.ok(added.includes(predeployAddress.AgentRegistry.toLowerCase()));
  assert.ok(!added.includes(predeployAddress.LiquidityController.toLowerCase()), 'op-deployer owns the gas-token predeploys');
  assert.equal(Object.keys(genesis.alloc).length, 1 + added.length);
  assert.deepEqual(genesis.alloc['4200000000000000000000000000000000000016'], base.alloc['4200000000000000000000000000000000000016']);

  const colliding = { config: { chainId: params.chainId }, alloc: { [predeployAddress.AgentMarket]: { balance: '0x1' } } };
  assert.throws(() => injectPredeploys(colliding, built), (error: unknown) => error instanceof GenesisInjectError && error.code === 'ADDRESS_COLLISION');
  const otherChain = { config: { chainId: 10 }, alloc: {} };
  assert.throws(() => injectPredeploys(otherChain, built), (error: unknown) => error instanceof GenesisInjectError && error.code === 'CHAIN_ID_MISMATCH');
  assert.throws(() => injectPredeploys({ config: null, alloc: null } as never, built), (error: unknown) => error instanceof GenesisInjectError && error.code === 'INVALID_BASE');
});
