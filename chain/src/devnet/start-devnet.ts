// `cr8 dev`: the CR8 L3 and its parent on one machine, no Docker.
// - the parent chain: anvil (an L2 chain id) with CR8Token, the devnet portal and output oracle, and the
//   parent side of the CR8 gas bridge;
// - the CR8 L3: anvil in OP Stack mode started from genesis.json, so every CR8 module is a predeploy;
// - the deposit relayer (parent TransactionDeposited logs -> L3 deposit transactions, as op-node);
// - the dev proposer (L3 output roots -> the parent's oracle, so withdrawals can be proven/finalized).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GenesisParams, readGenesisParams } from '@cr8/chain/genesis-params';
import { repoRoot } from '@cr8/contracts/toolchain';
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type Anvil, startAnvil } from '../anvil.ts';
import { cr8L3Chain, cr8ParentChain, DEVNET_L3_PORT, DEVNET_PARENT_PORT } from '../chains.ts';
import { type DevProposer, startDevProposer } from '../proposer/dev-proposer.ts';
import { type DepositRelayer, startDepositRelayer } from '../relayer/deposit-relayer.ts';
import { type DevAccount, devAccounts } from './dev-accounts.ts';
import { deployParentContracts, type ParentDeployment, verifyParentDeployment } from './parent-contracts.ts';

export { DEVNET_L3_CHAIN_ID, DEVNET_L3_PORT, DEVNET_PARENT_CHAIN_ID, DEVNET_PARENT_PORT } from '../chains.ts';

export const DEFAULT_GENESIS_FILE = join(repoRoot, 'genesis.json');
export const DEFAULT_STATE_DIR = join(repoRoot, '.cr8', 'devnet');
/** Where a running devnet describes itself for other tools (`cr8 bridge`, tests). */
export const DEVNET_INFO_FILE = 'devnet.json';

export type StartDevnetParameters = {
  parentPort?: number;
  l3Port?: number;
  /** Seconds between L3 blocks (default: the genesis params' blockTime). */
  blockTime?: number;
  /** Seconds between parent blocks (default 2). */
  parentBlockTime?: number;
  /** The output oracle's finalization window in seconds (default 12). */
  finalizationPeriodSeconds?: number;
  /** Milliseconds between output proposals (default 1000). */
  proposalIntervalMs?: number;
  genesisFile?: string;
  /** Keep both chains' state in `stateDir` across restarts; otherwise start fresh. */
  persist?: boolean;
  stateDir?: string;
  onProgress?: (message: string) => void;
};

export type DevnetInfo = {
  parent: { rpcUrl: string; chainId: number; blockTime: number };
  l3: { rpcUrl: string; chainId: number; blockTime: number };
  parentDeployment: ParentDeployment;
  finalizationPeriodSeconds: number;
};

export type Devnet = DevnetInfo & {
  accounts: DevAccount[];
  genesisParams: GenesisParams;
  /** Whether the chains came from a persisted state. */
  resumed: boolean;
  relayer: DepositRelayer;
  proposer: DevProposer;
  processes: { parent: Anvil['process']; l3: Anvil['process'] };
  stop: () => Promise<void>;
};

export class DevnetError extends Error {
  override name = 'DevnetError';
}

export async function startDevnet(parameters: StartDevnetParameters = {}): Promise<Devnet> {
  const progress = parameters.onProgress ?? (() => {});
  const stateDir = parameters.stateDir ?? DEFAULT_STATE_DIR;
  const genesisFile = parameters.genesisFile ?? DEFAULT_GENESIS_FILE;
  if (!existsSync(genesisFile)) throw new DevnetError(`no genesis at ${genesisFile}: run \`make genesis\``);
  const genesisParams = await readGenesisParams();
  const genesisChainId = (JSON.parse(await readFile(genesisFile, 'utf8')) as { config: { chainId: number } }).config.chainId;
  const accounts = devAccounts();
  const deployer = accounts[0]!;
  const proposerAccount = accounts[9]!;
  const l3BlockTime = parameters.blockTime ?? genesisParams.blockTime;
  const parentBlockTime = parameters.parentBlockTime ?? 2;
  const finalizationPeriodSeconds = parameters.finalizationPeriodSeconds ?? 12;

  await mkdir(stateDir, { recursive: true });
  const persisted = (name: string) => (parameters.persist ? join(stateDir, name) : undefined);
  const parentStateFile = persisted('parent-state.json');
  const l3StateFile = persisted('l3-state.json');
  const deploymentFile = join(stateDir, 'parent-deployment.json');
  const resumable = parameters.persist === true && existsSync(deploymentFile) && existsSync(parentStateFile!);

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    progress(`starting the parent chain (anvil, chain ${genesisParams.parentChainId}) on 127.0.0.1:${parameters.parentPort ?? DEVNET_PARENT_PORT}`);
    // Automine while deploying (no block-time waits), then interval mining at the chosen block time.
    const parent = await startAnvil({
      port: parameters.parentPort ?? DEVNET_PARENT_PORT,
      chainId: genesisParams.parentChainId,
      optimism: true,
      ...(parentStateFile ? { stateFile: parentStateFile } : {}),
    });
    stops.push(parent.stop);
    progress(`starting the CR8 L3 (anvil, OP Stack mode, ${genesisFile}) on 127.0.0.1:${parameters.l3Port ?? DEVNET_L3_PORT}`);
    const l3 = await startAnvil({
      port: parameters.l3Port ?? DEVNET_L3_PORT,
      chainId: genesisChainId,
      optimism: true,
      genesisFile,
      blockTime: l3BlockTime,
      ...(l3StateFile ? { stateFile: l3StateFile } : {}),
    });
    stops.push(l3.stop);

    const parentChain = cr8ParentChain({ id: parent.chainId, rpcUrl: parent.rpcUrl });
    const parentClient = createPublicClient({
      chain: parentChain,
      transport: http(parent.rpcUrl),
      pollingInterval: 100,
      batch: { multicall: { deployless: true } },
    }) as PublicClient;

    let parentDeployment: ParentDeployment;
    if (resumable) {
      parentDeployment = JSON.parse(await readFile(deploymentFile, 'utf8')) as ParentDeployment;
      await verifyParentDeployment(parentClient, parentDeployment);
      progress('resumed the persisted parent and L3 state');
    } else {
      progress('compiling (incremental) and deploying the parent-side contracts (CR8Token, portal, output oracle, CR8ParentBridge)');
      parentDeployment = await deployParentContracts({
        parent: parentClient,
        rpcUrl: parent.rpcUrl,
        deployer,
        proposer: proposerAccount.address,
        finalizationPeriodSeconds,
        l2BlockTime: l3BlockTime,
        fund: accounts.map((account) => account.address),
      });
    }
    if (parentDeployment.CR8ParentBridge !== genesisParams.parent.cr8Bridge)
      throw new DevnetError(
        `the parent bridge was deployed at ${parentDeployment.CR8ParentBridge} but genesis.json expects ${genesisParams.parent.cr8Bridge}: ` +
          'set parent.cr8Bridge in chain/config/genesis-params.json and run `make genesis`',
      );
    await writeFile(deploymentFile, `${JSON.stringify(parentDeployment, null, 2)}\n`);
    await parentClient.request({ method: 'evm_setIntervalMining', params: [parentBlockTime] } as never);

    const l3Chain = cr8L3Chain({
      id: l3.chainId,
      rpcUrl: l3.rpcUrl,
      parentChainId: parent.chainId,
      parentContracts: { portal: parentDeployment.OptimismPortal, l2OutputOracle: parentDeployment.L2OutputOracle },
    });
    const l3Client = createPublicClient({ chain: l3Chain, transport: http(l3.rpcUrl), pollingInterval: 100 }) as PublicClient;

    const relayer = startDepositRelayer({
      parent: parentClient,
      l3: l3Client,
      portal: parentDeployment.OptimismPortal,
      onRelayed: (deposit) => progress(`relayed deposit ${deposit.parentTransaction} -> L3 ${deposit.l3Transaction}`),
      onError: (error) => progress(`relayer: ${error.message}`),
    });
    stops.push(relayer.stop);
    const proposer = startDevProposer({
      parent: parentClient,
      proposer: createWalletClient({ account: privateKeyToAccount(proposerAccount.privateKey), chain: parentChain, transport: http(parent.rpcUrl) }),
      l3: l3Client,
      oracle: parentDeployment.L2OutputOracle,
      intervalMs: parameters.proposalIntervalMs ?? 1000,
      onError: (error) => progress(`proposer: ${error.message}`),
    });
    stops.push(proposer.stop);

    const info: DevnetInfo = {
      parent: { rpcUrl: parent.rpcUrl, chainId: parent.chainId, blockTime: parentBlockTime },
      l3: { rpcUrl: l3.rpcUrl, chainId: l3.chainId, blockTime: l3BlockTime },
      parentDeployment,
      finalizationPeriodSeconds,
    };
    await writeFile(join(stateDir, DEVNET_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);

    return {
      ...info,
      accounts,
      genesisParams,
      resumed: resumable,
      relayer,
      proposer,
      processes: { parent: parent.process, l3: l3.process },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Reads the description a running devnet wrote (RPC URLs, chain ids, parent contract addresses). */
export async function readDevnetInfo(stateDir = DEFAULT_STATE_DIR): Promise<DevnetInfo> {
  const path = join(stateDir, DEVNET_INFO_FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as DevnetInfo;
  } catch (cause) {
    throw new DevnetError(`no running devnet found (${path} is missing): start one with \`make dev\``, { cause });
  }
}

