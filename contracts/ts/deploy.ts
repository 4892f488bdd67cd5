// Deploys the CR8 contracts to a running chain through the forge script every path shares
// (script/Deploy.s.sol -> script/CR8Deployer.sol), and returns their addresses.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Address, Hex } from 'viem';
import { contractsDir, FoundryRunError, runFoundry } from './toolchain.ts';

export type CR8Deployment = {
  chainId: number;
  ProxyAdmin: Address;
  AgentRegistry: Address;
  AgentTokenFactory: Address;
  AgentTokenImplementation: Address;
  AgentMarket: Address;
  FeeDistributor: Address;
  CR8Staking: Address;
  KycRegistry: Address;
  OrchestratorRegistry: Address;
  CreditVault: Address;
  ExecutionReceipts: Address;
  AgentReputation: Address;
};

export type DeployContractsParameters = {
  rpcUrl: string;
  /** The deployer's key; passed to forge through the environment, never on a command line. */
  privateKey: Hex;
  /** Governance (DEFAULT_ADMIN_ROLE, ProxyAdmin owner); defaults to the deployer. */
  admin?: Address;
  guardian?: Address;
  treasury?: Address;
  kycAttester?: Address;
  /** Called with each line forge prints, for progress output. */
  onOutput?: (line: string) => void;
  /** The most each transaction may pay per gas (default: 10x the node's gas price when deploying). */
  maxFeePerGas?: bigint;
};

export class DeployError extends Error {
  override name = 'DeployError';
}

async function gasPrice(rpcUrl: string): Promise<bigint> {
  try {
    const response = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_gasPrice', params: [] }) });
    const body = (await response.json()) as { result?: string; error?: { message: string } };
    if (!body.result) throw new Error(body.error?.message ?? 'no result');
    return BigInt(body.result);
  } catch (cause) {
    throw new DeployError(`cannot read the gas price from ${new URL(rpcUrl).origin}: ${(cause as Error).message}`, { cause });
  }
}

/** Runs the deployment script against `rpcUrl` and returns the deployed addresses. */
export async function deployContracts(parameters: DeployContractsParameters): Promise<CR8Deployment> {
  const outDir = join(contractsDir, 'deployments');
  await mkdir(outDir, { recursive: true });
  const outFile = join(outDir, `deploy-${process.pid}-${Date.now()}.json`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEPLOYER_PRIVATE_KEY: parameters.privateKey,
    DEPLOYMENT_OUT: relative(contractsDir, outFile),
  };
  if (parameters.admin) env.ADMIN = parameters.admin;
  if (parameters.guardian) env.GUARDIAN = parameters.guardian;
  if (parameters.treasury) env.TREASURY = parameters.treasury;
  if (parameters.kycAttester) env.KYC_ATTESTER = parameters.kycAttester;

  // --slow: each transaction is sent once the one before it is mined. Sent together, ~40 deployment
  // transactions reach an auto-mining anvil at once, it mines as many as fit in one block, and the rest
  // stay pending until another transaction arrives, which never happens (forge waits for them for ever).
  // forge also prices every transaction once, at the start, at twice the base fee, which the base fee
  // can outgrow across blocks: a cap of 10x the current price covers about 19 full blocks; only the
  // base fee actually due is paid.
  const maxFeePerGas = parameters.maxFeePerGas ?? 10n * (await gasPrice(parameters.rpcUrl));
  const args = ['script', 'script/Deploy.s.sol', '--rpc-url', parameters.rpcUrl, '--broadcast', '--non-interactive', '--slow', '--with-gas-price', maxFeePerGas.toString()];
  let output: string;
  try {
    output = await runFoundry('forge', args, { env, ...(parameters.onOutput ? { onOutput: parameters.onOutput } : {}) });
  } catch (cause) {
    if (!(cause instanceof FoundryRunError)) throw cause;
    throw new DeployError(
      cause.exitCode === null ? cause.message : `forge script exited with code ${cause.exitCode}:
${cause.output}`,
      { cause },
    );
  }
  try {
    return JSON.parse(await readFile(outFile, 'utf8')) as CR8Deployment;
  } catch (cause) {
    throw new DeployError(`the deployment script did not write its addresses:\n${output}`, { cause });
  } finally {
    await rm(outFile, { force: true });
  }
}

