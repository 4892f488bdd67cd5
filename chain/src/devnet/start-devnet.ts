// `cr8 dev`: everything that runs so far, on one machine with embedded defaults. Today that is the CR8
// chain (anvil in OP Stack mode) with the CR8 contracts deployed behind their proxies.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CR8Deployment, deployContracts } from '@cr8/contracts/deploy';
import { createPublicClient, http } from 'viem';
import { type Anvil, startAnvil } from '../anvil.ts';
import { type DevAccount, devAccounts } from './dev-accounts.ts';

/** The chain id of the local CR8 L3. */
export const DEVNET_L3_CHAIN_ID = 888_008;
/** The port of the local CR8 L3 RPC (the parent chain takes 8545). */
export const DEVNET_L3_PORT = 9545;

export type StartDevnetParameters = {
  port?: number;
  /** Seconds between blocks; undefined mines a block per transaction. */
  blockTime?: number;
  /** Keep chain state and deployment in `stateDir` across restarts. */
  persist?: boolean;
  stateDir?: string;
  onProgress?: (message: string) => void;
};

export type Devnet = {
  l3: { rpcUrl: string; chainId: number };
  deployment: CR8Deployment;
  accounts: DevAccount[];
  /** Whether the contracts came from a persisted state rather than a fresh deployment. */
  resumed: boolean;
  /** The L3's anvil process. */
  process: Anvil['process'];
  stop: () => Promise<void>;
};

export async function startDevnet(parameters: StartDevnetParameters = {}): Promise<Devnet> {
  const progress = parameters.onProgress ?? (() => {});
  const stateDir = parameters.stateDir ?? '.cr8/devnet';
  const accounts = devAccounts();
  const deployer = accounts[0]!;

  if (parameters.persist) await mkdir(stateDir, { recursive: true });
  const stateFile = parameters.persist ? join(stateDir, 'l3-state.json') : undefined;
  const deploymentFile = join(stateDir, 'deployment.json');

  progress(`starting the CR8 L3 (anvil, OP Stack mode) on 127.0.0.1:${parameters.port ?? DEVNET_L3_PORT}`);
  const l3: Anvil = await startAnvil({
    port: parameters.port ?? DEVNET_L3_PORT,
    chainId: DEVNET_L3_CHAIN_ID,
    optimism: true,
    ...(parameters.blockTime !== undefined ? { blockTime: parameters.blockTime } : {}),
    ...(stateFile ? { stateFile } : {}),
  });

  try {
    let deployment: CR8Deployment | undefined;
    if (parameters.persist && existsSync(deploymentFile)) {
      const saved = JSON.parse(await readFile(deploymentFile, 'utf8')) as CR8Deployment;
      const code = await createPublicClient({ transport: http(l3.rpcUrl) }).getCode({ address: saved.AgentRegistry });
      if (code && code.length > 2) deployment = saved;
    }
    const resumed = deployment !== undefined;
    if (deployment) {
      progress('resumed the persisted chain state and deployment');
    } else {
      progress('deploying the CR8 contracts (forge script)');
      deployment = await deployContracts({ rpcUrl: l3.rpcUrl, privateKey: deployer.privateKey });
      if (parameters.persist) await writeFile(deploymentFile, `${JSON.stringify(deployment, null, 2)}\n`);
    }
    return {
      l3: { rpcUrl: l3.rpcUrl, chainId: l3.chainId },
      deployment,
      accounts,
      resumed,
      process: l3.process,
      stop: l3.stop,
    };
  } catch (error) {
    await l3.stop();
    throw error;
  }
}
