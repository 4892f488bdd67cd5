// The devnet parent chain's contracts: CR8Token (the parent ERC-20), the output oracle and portal that
// stand in for OP's L2OutputOracle/OptimismPortal, and the parent side of the CR8 gas bridge. They are
// deployed by dev account 0 at nonces 0-3, so their addresses never change, and genesis.json can name
// the parent bridge (the only sender whose deposits the L3 bridge accepts).
import { cr8ParentBridgeAbi, cr8TokenAbi, devnetOutputOracleAbi, devnetPortalAbi } from '@cr8/contracts';
import { buildContracts, creationBytecode } from '@cr8/contracts/artifacts';
import {
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  createWalletClient,
  encodeDeployData,
  getContractAddress,
  http,
  parseEther,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { DevAccount } from './dev-accounts.ts';

export type ParentDeployment = {
  chainId: number;
  CR8Token: Address;
  L2OutputOracle: Address;
  OptimismPortal: Address;
  CR8ParentBridge: Address;
  /** The parent block the L3 starts from (rollup.json's genesis.l1). */
  l1Genesis: { hash: Hex; number: number; timestamp: number };
};

/** The sources of the parent contracts, compiled (incrementally) before each fresh deployment. */
export const PARENT_CONTRACT_SOURCES = [
  'src/token/CR8Token.sol',
  'src/devnet/DevnetOutputOracle.sol',
  'src/devnet/DevnetPortal.sol',
  'src/bridge/CR8ParentBridge.sol',
] as const;

/** 1 billion CR8: the parent token's cap, and the L3's native liquidity. */
export const CR8_SUPPLY_CAP = parseEther('1000000000');
/** What each dev account holds on the parent to bridge. */
export const DEV_PARENT_CR8 = parseEther('1000000');

/** The addresses the devnet deploys to: dev account 0's first four contract creations. */
export function devnetParentAddresses(deployer: Address) {
  const at = (nonce: number) => getContractAddress({ from: deployer, nonce: BigInt(nonce) });
  return { CR8Token: at(0), L2OutputOracle: at(1), OptimismPortal: at(2), CR8ParentBridge: at(3) };
}

export type DeployParentParameters = {
  parent: PublicClient;
  rpcUrl: string;
  deployer: DevAccount;
  proposer: Address;
  finalizationPeriodSeconds: number;
  l2BlockTime: number;
  /** Dev accounts that receive DEV_PARENT_CR8 each. */
  fund: Address[];
};

export async function deployParentContracts(parameters: DeployParentParameters): Promise<ParentDeployment> {
  const { parent } = parameters;
  const account = privateKeyToAccount(parameters.deployer.privateKey);
  const wallet = createWalletClient({ account, chain: parent.chain!, transport: http(parameters.rpcUrl) });
  const nonce = await parent.getTransactionCount({ address: account.address });
  if (nonce !== 0) throw new Error(`the parent deployer ${account.address} has nonce ${nonce}, not 0: start a fresh parent chain`);
  const expected = devnetParentAddresses(account.address);
  await buildContracts(PARENT_CONTRACT_SOURCES);

  const deploy = async (name: string, abi: Abi, args: readonly unknown[], at: number) =>
    wallet.sendTransaction({
      data: encodeDeployData({ abi, bytecode: await creationBytecode(name), args }),
      nonce: at,
      gas: 8_000_000n,
    });
  const hashes = [
    await deploy('CR8Token', cr8TokenAbi, [account.address, CR8_SUPPLY_CAP, account.address, DEV_PARENT_CR8 * BigInt(parameters.fund.length)], 0),
    await deploy('DevnetOutputOracle', devnetOutputOracleAbi, [parameters.proposer, BigInt(parameters.finalizationPeriodSeconds), BigInt(parameters.l2BlockTime), 1n], 1),
    await deploy('DevnetPortal', devnetPortalAbi, [expected.L2OutputOracle], 2),
    await deploy('CR8ParentBridge', cr8ParentBridgeAbi, [expected.CR8Token, expected.OptimismPortal], 3),
  ];
  let next = 4;
  for (const holder of parameters.fund) {
    if (holder === account.address) continue;
    hashes.push(
      await wallet.writeContract({ address: expected.CR8Token, abi: cr8TokenAbi, functionName: 'transfer', args: [holder, DEV_PARENT_CR8], nonce: next++ }),
    );
  }
  let last = await parent.waitForTransactionReceipt({ hash: hashes[0]! });
  for (const hash of hashes) {
    last = await parent.waitForTransactionReceipt({ hash });
    if (last.status !== 'success') throw new Error(`parent deployment transaction ${hash} reverted`);
  }
  const block = await parent.getBlock({ blockNumber: last.blockNumber });
  return {
    chainId: parent.chain!.id,
    ...expected,
    l1Genesis: { hash: block.hash!, number: Number(block.number), timestamp: Number(block.timestamp) },
  };
}

/** Checks that a persisted deployment's contracts are still on the parent chain. */
export async function verifyParentDeployment(parent: PublicClient, deployment: ParentDeployment): Promise<void> {
  for (const name of ['CR8Token', 'L2OutputOracle', 'OptimismPortal', 'CR8ParentBridge'] as const) {
    const code = await parent.getCode({ address: deployment[name] });
    if (!code || code === '0x') throw new Error(`the persisted parent chain has no ${name} at ${deployment[name]}: delete .cr8/devnet and start fresh`);
  }
}
