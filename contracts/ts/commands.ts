// The `cr8` commands the contracts package provides.
import { Command } from 'commander';
import { isAddress, isHex, type Address, type Hex } from 'viem';
import { deployContracts } from './deploy.ts';

function requireAddress(name: string, value: string | undefined): Address | undefined {
  if (value === undefined) return undefined;
  if (!isAddress(value)) throw new Error(`${name} is not an address: ${value}`);
  return value;
}

export function contractsCommand(): Command {
  const contracts = new Command('contracts').summary('deploy and inspect the CR8 contracts');
  contracts
    .command('deploy')
    .summary('deploy the CR8 contracts behind their proxies to a running chain')
    .description(
      'Deploys the CR8 L3 contracts (registry, token factory, market, fee distributor, staking, KYC registry) ' +
        'behind EIP-1967 proxies administered by a ProxyAdmin, and prints their addresses as JSON. ' +
        'The deployer key is read from DEPLOYER_PRIVATE_KEY (never a command-line argument).',
    )
    .requiredOption('--rpc-url <url>', 'JSON-RPC URL of the target chain')
    .option('--admin <address>', 'governance: admin roles and ProxyAdmin owner (default: the deployer)')
    .option('--guardian <address>', 'may pause money-moving functions (default: the deployer)')
    .option('--treasury <address>', 'receives the treasury share of fees (default: the deployer)')
    .option('--kyc-attester <address>', 'may record KYC verifications (default: the deployer)')
    .action(async (options: { rpcUrl: string; admin?: string; guardian?: string; treasury?: string; kycAttester?: string }) => {
      const privateKey = process.env.DEPLOYER_PRIVATE_KEY;
      if (!privateKey || !isHex(privateKey) || privateKey.length !== 66) {
        throw new Error('DEPLOYER_PRIVATE_KEY must hold the deployer key (0x + 64 hex digits)');
      }
      const admin = requireAddress('--admin', options.admin);
      const guardian = requireAddress('--guardian', options.guardian);
      const treasury = requireAddress('--treasury', options.treasury);
      const kycAttester = requireAddress('--kyc-attester', options.kycAttester);
      console.error(`deploying to ${options.rpcUrl}…`);
      const deployment = await deployContracts({
        rpcUrl: options.rpcUrl,
        privateKey: privateKey as Hex,
        ...(admin ? { admin } : {}),
        ...(guardian ? { guardian } : {}),
        ...(treasury ? { treasury } : {}),
        ...(kycAttester ? { kycAttester } : {}),
      });
      console.log(JSON.stringify(deployment, null, 2));
    });
  return contracts;
}
