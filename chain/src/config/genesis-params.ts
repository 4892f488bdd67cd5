// The one file of CR8 chain parameters (chain/config/genesis-params.json): chain ids, genesis time, fork
// schedule, gas, the gas token's native liquidity, owners and the CR8 module settings. The genesis
// builder, `cr8 rollup`, the devnet and ops all read it through this schema, so a typo fails fast.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '@cr8/contracts/toolchain';
import { type Address, getAddress, isAddress } from 'viem';
import { z } from 'zod';

export const genesisParamsPath = join(repoRoot, 'chain', 'config', 'genesis-params.json');

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), 'must be a 20-byte hex address')
  .transform((value) => getAddress(value) as Address);
const wei = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, 'must be a decimal integer string (wei)')
  .transform((value) => BigInt(value));
const bps = z.number().int().min(0).max(10_000);
/** Seconds after the genesis timestamp; null = not scheduled. */
const forkOffset = z.number().int().min(0).nullable();

export const OP_FORKS = ['regolith', 'canyon', 'delta', 'ecotone', 'fjord', 'granite', 'holocene', 'isthmus'] as const;
export type OpFork = (typeof OP_FORKS)[number];

export const genesisParamsSchema = z
  .object({
    $schema: z.string().optional(),
    network: z.enum(['devnet', 'testnet', 'mainnet']),
    chainId: z.number().int().positive(),
    parentChainId: z.number().int().positive(),
    timestamp: z.number().int().nonnegative(),
    blockTime: z.number().int().positive(),
    gasLimit: z.number().int().min(5_000_000),
    baseFeePerGas: wei,
    forks: z.object(Object.fromEntries(OP_FORKS.map((fork) => [fork, forkOffset])) as Record<OpFork, typeof forkOffset>),
    eip1559: z.object({
      elasticity: z.number().int().positive(),
      denominator: z.number().int().positive(),
      denominatorCanyon: z.number().int().positive(),
    }),
    gasToken: z.object({ name: z.string().min(1).max(32), symbol: z.string().min(1).max(32) }),
    nativeLiquidity: wei,
    owners: z.object({
      proxyAdminOwner: address,
      liquidityControllerOwner: address,
      admin: address,
      guardian: address,
      treasury: address,
      kycAttester: address,
      feeVaultRecipient: address,
    }),
    parent: z.object({
      /** The parent chain's CR8 ERC-20 (recorded in L1Block as the gas-paying token). */
      cr8Token: address,
      /** The parent side of the CR8 gas bridge: the only sender the L3 bridge accepts deposits from. */
      cr8Bridge: address,
      /** OP messenger / standard bridge on the parent, if the deployment has them (zero otherwise). */
      l1CrossDomainMessenger: address,
      l1StandardBridge: address,
    }),
    cr8: z.object({
      registrationFee: wei,
      kycRequired: z.boolean(),
      tradeFeeBps: bps,
      virtualReserve: wei,
      unbondingPeriod: z.number().int().positive(),
      feeSplit: z
        .object({ holdersBps: bps, stakersBps: bps, creatorBps: bps, orchestratorBps: bps, treasuryBps: bps })
        .refine((split) => Object.values(split).reduce((a, b) => a + b, 0) === 10_000, 'fee split must sum to 10000 bps'),
    }),
    /** Execution settlement (CreditVault, ExecutionReceipts, OrchestratorRegistry); periods in seconds. */
    execution: z.object({
      /** The bond an orchestrator must keep to post batches. */
      minimumBond: wei,
      /** How long an orchestrator's unbonded CR8 stays slashable before it can be withdrawn. */
      orchestratorUnbondingPeriod: z.number().int().positive(),
      /** How long a payer waits between asking to withdraw from a channel and withdrawing. */
      withdrawalDelay: z.number().int().positive(),
      /** How long after a batch its receipts can be proven fraudulent. */
      challengeWindow: z.number().int().positive(),
      /** What one proven fraud takes from the orchestrator's bond. */
      slashAmount: wei.refine((value) => BigInt(value) > 0n, 'must be positive'),
      /** The smallest receipt fee that earns its payer one ERC-8004 feedback (AgentReputation): what a fake rating costs at least. */
      minFeedbackFee: wei.refine((value) => BigInt(value) > 0n && BigInt(value) < 2n ** 128n, 'must be positive and below 2^128'),
    }),
    /** Genesis balances besides the native liquidity (devnet accounts). */
    prefund: z.record(address, wei),
  })
  .superRefine((params, context) => {
    let previous = -1;
    for (const fork of OP_FORKS) {
      const offset = params.forks[fork];
      if (offset === null) {
        previous = Number.POSITIVE_INFINITY;
        continue;
      }
      if (offset < previous)
        context.addIssue({ code: 'custom', path: ['forks', fork], message: `${fork} cannot activate before an earlier fork` });
      previous = offset;
    }
    if (params.chainId === params.parentChainId)
      context.addIssue({ code: 'custom', path: ['parentChainId'], message: 'must differ from chainId' });
  });

export type GenesisParams = z.infer<typeof genesisParamsSchema>;

export class GenesisParamsError extends Error {
  override name = 'GenesisParamsError';
  readonly code = 'INVALID_GENESIS_PARAMS';
}

export function parseGenesisParams(json: unknown, source = 'genesis params'): GenesisParams {
  const result = genesisParamsSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new GenesisParamsError(`${source} is invalid:\n${issues.join('\n')}`);
}

export async function readGenesisParams(path = genesisParamsPath): Promise<GenesisParams> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new GenesisParamsError(`cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new GenesisParamsError(`${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parseGenesisParams(json, path);
}

/** The absolute activation time of a fork, or undefined when it is not scheduled. */
export function forkTime(params: GenesisParams, fork: OpFork): number | undefined {
  const offset = params.forks[fork];
  return offset === null ? undefined : params.timestamp + offset;
}
