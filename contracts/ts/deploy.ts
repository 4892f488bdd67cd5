// Deploys the CR8 contracts to a running chain through the forge script every path shares
// (script/Deploy.s.sol -> script/CR8Deployer.sol), and returns their addresses.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Address, Hex } from 'viem';
import { contractsDir, foundryBinary } from './toolchain.ts';

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
};

export class DeployError extends Error {
  override name = 'DeployError';
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

  const args = ['script', 'script/Deploy.s.sol', '--rpc-url', parameters.rpcUrl, '--broadcast', '--non-interactive'];
  const output = await run(foundryBinary('forge'), args, env, parameters.onOutput);
  try {
    return JSON.parse(await readFile(outFile, 'utf8')) as CR8Deployment;
  } catch (cause) {
    throw new DeployError(`the deployment script did not write its addresses:\n${output}`, { cause });
  } finally {
    await rm(outFile, { force: true });
  }
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onOutput?: (line: string) => void,
): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: contractsDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (onOutput) for (const line of text.split('\n')) if (line.trim()) onOutput(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (cause) => reject(new DeployError(`could not start forge: ${cause.message}`, { cause })));
    child.on('exit', (code) => {
      if (code === 0) resolveRun(output);
      else reject(new DeployError(`forge script exited with code ${code}:\n${output.slice(-4000)}`));
    });
  });
}
