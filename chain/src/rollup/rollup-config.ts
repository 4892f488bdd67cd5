// op-node's rollup.json for the CR8 L3, built from chain/config/genesis-params.json, the L2 genesis block
// (hash + timestamp, as op-geth computes them from genesis.json) and the parent-chain deployment.
//
// Field names and JSON types follow op-node's `rollup.Config` (op-node/rollup/types.go) and
// `eth.SystemConfig` (op-service/eth/types.go); op-node decodes the file with DisallowUnknownFields, so
// nothing else may appear, and fields that only newer op-node versions know are written only when the
// fork that needs them is scheduled (eip1559Params: Holocene, operatorFeeParams and isthmus_time:
// Isthmus). Bytes32/Bytes8 fields must be full-length hex (hexutil.UnmarshalFixedJSON).
import { readFile } from 'node:fs/promises';
import { type Address, type Hex, getAddress, keccak256, pad, toHex, zeroAddress, zeroHash } from 'viem';
import { z } from 'zod';
import { RollupConfigError } from './errors.ts';
import type { L1BlockRef, ParentDeployment } from './parent-deployment.ts';

/** The OP Stack forks genesis-params.json schedules, in activation order. */
export const ROLLUP_FORKS = ['regolith', 'canyon', 'delta', 'ecotone', 'fjord', 'granite', 'holocene', 'isthmus'] as const;
export type RollupFork = (typeof ROLLUP_FORKS)[number];

/**
 * The part of genesis-params.json the rollup config needs. A local, minimal schema on purpose: the full
 * schema (chain/src/config/genesis-params.ts) is a superset, and either parses the same file.
 */
export const rollupParamsSchema = z.looseObject({
  chainId: z.number().int().positive(),
  parentChainId: z.number().int().positive(),
  /** The L2 genesis timestamp (seconds). */
  timestamp: z.number().int().positive(),
  /** Seconds per L2 block. */
  blockTime: z.number().int().positive(),
  gasLimit: z.number().int().positive(),
  /** Seconds after the genesis timestamp; null = not scheduled. */
  forks: z.object(
    Object.fromEntries(ROLLUP_FORKS.map((fork) => [fork, z.number().int().nonnegative().nullable()])) as Record<
      RollupFork,
      z.ZodNullable<z.ZodNumber>
    >,
  ),
  eip1559: z.object({
    elasticity: z.number().int().positive(),
    denominator: z.number().int().positive(),
    denominatorCanyon: z.number().int().positive(),
  }),
});
export type RollupParams = z.infer<typeof rollupParamsSchema>;

/** op-node's rollup.json (rollup.Config marshalled to JSON), in op-node's field order. */
export type RollupConfig = {
  genesis: {
    l1: { hash: Hex; number: number };
    l2: { hash: Hex; number: number };
    l2_time: number;
    system_config: {
      batcherAddr: Address;
      overhead: Hex;
      scalar: Hex;
      gasLimit: number;
      eip1559Params?: Hex;
      operatorFeeParams?: Hex;
    };
  };
  block_time: number;
  max_sequencer_drift: number;
  seq_window_size: number;
  channel_timeout: number;
  l1_chain_id: number;
  l2_chain_id: number;
  regolith_time?: number;
  canyon_time?: number;
  delta_time?: number;
  ecotone_time?: number;
  fjord_time?: number;
  granite_time?: number;
  holocene_time?: number;
  isthmus_time?: number;
  batch_inbox_address: Address;
  deposit_contract_address: Address;
  l1_system_config_address: Address;
  protocol_versions_address: Address;
  chain_op_config: { eip1559Elasticity: number; eip1559Denominator: number; eip1559DenominatorCanyon: number };
};

export type EcotoneFeeScalars = { baseFeeScalar: number; blobBaseFeeScalar: number };

/**
 * Defaults for an L3 that posts its batches as calldata to an OP Stack L2 (Base: 2 s blocks).
 *
 * Fee scalars (SystemConfig "scalar", Ecotone encoding): the L1 data fee the L3 charges per transaction
 * is (Fjord) estimatedCompressedSize × (16 × baseFeeScalar × parentBaseFee + blobBaseFeeScalar ×
 * parentBlobBaseFee) / 1e6. Our batches are parent-chain calldata, so what the batcher really pays per
 * compressed byte is 16 gas × the parent's base fee: baseFeeScalar = 1_000_000 (1.0) charges exactly
 * that. blobBaseFeeScalar = 0 because we never post blobs, and an OP Stack parent has no blob market
 * anyway (its blob base fee is the 1-wei minimum). What this does NOT cover is the parent's own L1 data
 * fee on the batcher's transactions (Base charges it on top of execution gas); measure it on the running
 * chain and raise baseFeeScalar through SystemConfig.setGasConfigEcotone (op-node picks the change up
 * from the ConfigUpdate event). op-deployer's L1 defaults (1368 / 801949) price Ethereum blobs and would
 * undercharge calldata by ~730×.
 *
 * Derivation windows count PARENT blocks. OP's 3600-block sequencing window is 12 h on Ethereum (12 s
 * blocks); on a 2 s parent the same 12 h is 21600 blocks, so the window is derived from the parent's
 * block time. max_sequencer_drift and channel_timeout keep op-deployer's values: with Fjord and Granite
 * active, op-node replaces them by protocol constants (1800 s drift, 50-block channel timeout), but
 * op-node still requires them to be non-zero. The 50-block channel timeout is only 100 s on a 2 s parent,
 * so the batcher's --max-channel-duration must stay well below it (ops/docker-compose.yml uses 30).
 */
export const L3_DEFAULTS = {
  parentBlockTime: 2,
  sequencingWindowSeconds: 43_200,
  maxSequencerDrift: 600,
  channelTimeout: 300,
  feeScalars: { baseFeeScalar: 1_000_000, blobBaseFeeScalar: 0 } satisfies EcotoneFeeScalars,
} as const;

export type BuildRollupConfigInput = {
  params: RollupParams;
  /** The L2 genesis block: op-geth's hash of genesis.json and its timestamp. */
  l2Genesis: { hash: Hex; timestamp: number };
  deployment: ParentDeployment;
  /** The parent block the rollup starts after; overrides the deployment file's l1Genesis. */
  l1Block?: L1BlockRef;
  /** The batch sender; overrides the deployment file's Batcher. */
  batcher?: Address;
  /** Defaults to L3_DEFAULTS.feeScalars. Must match what the parent SystemConfig holds (see the README). */
  feeScalars?: EcotoneFeeScalars;
  /** Isthmus operator fee (only written when Isthmus is scheduled); default 0/0. */
  operatorFee?: { scalar: number; constant: bigint };
  /** Seconds per parent block (default 2, Base); sizes the sequencing window. */
  parentBlockTime?: number;
  /** Called with non-fatal findings (e.g. no SystemConfig in a devnet deployment). */
  onWarning?: (message: string) => void;
};

const UINT32_MAX = 0xffff_ffff;
const UINT64_MAX = (1n << 64n) - 1n;

function uint32(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX)
    throw new RollupConfigError('INVALID_FIELD', `${what} must be an integer in [0, 2^32-1], got ${value}`, { path: what });
  return value;
}

/** SystemConfig "scalar", Ecotone version: 0x01 ‖ 0… ‖ blobBaseFeeScalar (uint32) ‖ baseFeeScalar (uint32). */
export function encodeEcotoneScalar(scalars: EcotoneFeeScalars): Hex {
  const blob = uint32(scalars.blobBaseFeeScalar, 'blobBaseFeeScalar');
  const base = uint32(scalars.baseFeeScalar, 'baseFeeScalar');
  const value = (1n << 248n) | (BigInt(blob) << 32n) | BigInt(base);
  return pad(toHex(value), { size: 32 });
}

/** SystemConfig "eip1559Params" (Holocene): denominator (uint32) ‖ elasticity (uint32); zero = chain defaults. */
export function encodeEip1559Params(params: { denominator: number; elasticity: number }): Hex {
  const value =
    (BigInt(uint32(params.denominator, 'eip1559 denominator')) << 32n) | BigInt(uint32(params.elasticity, 'eip1559 elasticity'));
  return pad(toHex(value), { size: 8 });
}

/** SystemConfig "operatorFeeParams" (Isthmus): 0… ‖ scalar (uint32, bytes 20-23) ‖ constant (uint64, bytes 24-31). */
export function encodeOperatorFeeParams(fee: { scalar: number; constant: bigint }): Hex {
  if (fee.constant < 0n || fee.constant > UINT64_MAX)
    throw new RollupConfigError('INVALID_FIELD', `operator fee constant must fit in a uint64, got ${fee.constant}`, {
      path: 'operatorFeeConstant',
    });
  const value = (BigInt(uint32(fee.scalar, 'operatorFeeScalar')) << 64n) | fee.constant;
  return pad(toHex(value), { size: 32 });
}

/**
 * The batch inbox op-deployer assigns a chain (state/deploy_config.go calculateBatchInboxAddr):
 * 0x00 followed by the first 19 bytes of keccak256(chainId as a 32-byte word).
 */
export function deriveBatchInboxAddress(chainId: number | bigint): Address {
  const hash = keccak256(pad(toHex(BigInt(chainId)), { size: 32 }));
  return getAddress(`0x00${hash.slice(2, 40)}`);
}

/**
 * A fork's activation time in rollup.json, as op-chain-ops computes it from an offset (offsetToUpgradeTime):
 * not scheduled -> omitted; offset 0 -> 0 (active since genesis, no activation block and no upgrade
 * transactions); offset n > 0 -> genesis time + n.
 */
export function forkActivationTime(offset: number | null, genesisTime: number): number | undefined {
  if (offset === null) return undefined;
  return offset === 0 ? 0 : genesisTime + offset;
}

/** op-node's checkFork rules: a scheduled fork needs every earlier fork scheduled, at or before it. */
export function checkForkSchedule(forks: RollupParams['forks']): void {
  for (let i = 1; i < ROLLUP_FORKS.length; i++) {
    const before = ROLLUP_FORKS[i - 1]!;
    const fork = ROLLUP_FORKS[i]!;
    const a = forks[before];
    const b = forks[fork];
    if (b === null) continue;
    if (a === null)
      throw new RollupConfigError(
        'INVALID_FORK_SCHEDULE',
        `fork ${fork} is scheduled (offset ${b}) but the earlier fork ${before} is not`,
        {
          path: `forks.${fork}`,
        },
      );
    if (a > b)
      throw new RollupConfigError(
        'INVALID_FORK_SCHEDULE',
        `fork ${fork} (offset ${b}) is scheduled before the earlier fork ${before} (offset ${a})`,
        {
          path: `forks.${fork}`,
        },
      );
  }
}

/** op-geth chain-config keys of the forks genesis-params.json schedules (Delta is op-node only). */
const GETH_FORK_KEYS: Partial<Record<RollupFork, string>> = {
  regolith: 'regolithTime',
  canyon: 'canyonTime',
  ecotone: 'ecotoneTime',
  fjord: 'fjordTime',
  granite: 'graniteTime',
  holocene: 'holoceneTime',
  isthmus: 'isthmusTime',
};
/** OP forks op-geth knows that genesis-params.json cannot schedule, so rollup.json cannot activate them. */
const UNSCHEDULABLE_GETH_FORK_KEYS = ['jovianTime', 'karstTime', 'interopTime'] as const;

/**
 * Checks that genesis.json's chain config (what op-geth will run) activates the same OP forks at the same
 * times as the rollup.json built from `params` (what op-node will run). op-node and op-geth disagreeing on
 * a fork breaks block building, e.g. when genesis.json comes from op-deployer, which activates every fork
 * it knows at genesis. Two times agree when equal or when both are at or before the genesis time.
 */
export function checkGenesisForks(chainConfig: Record<string, unknown>, params: RollupParams, genesisTime: number): void {
  const timeOf = (key: string): number | undefined => {
    const value = chainConfig[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw new RollupConfigError(
        'INVALID_FIELD',
        `genesis.json config.${key} must be a non-negative integer, got ${JSON.stringify(value)}`,
        {
          path: `config.${key}`,
        },
      );
    return value;
  };
  const describe = (time: number | undefined) =>
    time === undefined ? 'not scheduled' : time <= genesisTime ? 'active at genesis' : `at ${time} (genesis + ${time - genesisTime} s)`;
  for (const fork of ROLLUP_FORKS) {
    const key = GETH_FORK_KEYS[fork];
    if (key === undefined) continue;
    const geth = timeOf(key);
    const rollup = forkActivationTime(params.forks[fork], genesisTime);
    const same = geth === rollup || (geth !== undefined && rollup !== undefined && geth <= genesisTime && rollup <= genesisTime);
    if (!same)
      throw new RollupConfigError(
        'CHAIN_MISMATCH',
        `genesis.json activates ${fork} ${describe(geth)} but genesis-params.json schedules it ${describe(rollup)}: ` +
          'op-geth and op-node would disagree. Build genesis.json from the same params (or align forks in genesis-params.json)',
        { path: `config.${key}` },
      );
  }
  for (const key of UNSCHEDULABLE_GETH_FORK_KEYS) {
    const time = timeOf(key);
    if (time !== undefined)
      throw new RollupConfigError(
        'CHAIN_MISMATCH',
        `genesis.json schedules ${key.replace('Time', '')} (${describe(time)}), a fork genesis-params.json and rollup.json cannot ` +
          'schedule: op-node would not activate it while op-geth does. Remove it from genesis.json',
        { path: `config.${key}` },
      );
  }
}

const HASH = /^0x[0-9a-f]{64}$/;

/** Builds op-node's rollup.json for the CR8 L3. Throws RollupConfigError on inconsistent input. */
export function buildRollupConfig(input: BuildRollupConfigInput): RollupConfig {
  const { params, deployment } = input;
  const warn = input.onWarning ?? (() => {});
  checkForkSchedule(params.forks);

  const l2Hash = input.l2Genesis.hash.toLowerCase() as Hex;
  if (!HASH.test(l2Hash) || l2Hash === zeroHash)
    throw new RollupConfigError(
      'INVALID_GENESIS_HASH',
      `the L2 genesis hash must be a non-zero 32-byte hash, got ${input.l2Genesis.hash}`,
      {
        path: 'genesis.l2.hash',
      },
    );
  const l2Time = input.l2Genesis.timestamp;
  if (l2Time !== params.timestamp)
    throw new RollupConfigError(
      'CHAIN_MISMATCH',
      `the L2 genesis timestamp ${l2Time} differs from genesis-params.json's timestamp ${params.timestamp}: ` +
        'fork offsets are relative to it, so build genesis.json from the same params (or fix the params)',
      { path: 'timestamp' },
    );
  if (deployment.chainId !== undefined && deployment.chainId !== params.parentChainId)
    throw new RollupConfigError(
      'CHAIN_MISMATCH',
      `the deployment is on chain ${deployment.chainId} but genesis-params.json's parentChainId is ${params.parentChainId}`,
      { path: 'chainId' },
    );

  const l1 = input.l1Block ?? deployment.l1Genesis;
  if (!l1)
    throw new RollupConfigError(
      'MISSING_L1_BLOCK',
      `the ${deployment.format} deployment does not name the parent block the rollup starts after: pass --l1-block <hash>:<number> ` +
        '(for op-deployer: the chain\'s "startBlock" in its state.json)',
      { path: '--l1-block' },
    );
  if (input.l1Block && deployment.l1Genesis && input.l1Block.hash !== deployment.l1Genesis.hash)
    warn(
      `--l1-block ${input.l1Block.hash}:${input.l1Block.number} overrides the deployment's l1Genesis ${deployment.l1Genesis.hash}:${deployment.l1Genesis.number}`,
    );
  if (l1.hash === l2Hash)
    throw new RollupConfigError('INVALID_GENESIS_HASH', 'the L1 and L2 genesis hashes are the same', { path: 'genesis.l2.hash' });
  if (l1.timestamp !== undefined) {
    if (l2Time < l1.timestamp)
      throw new RollupConfigError(
        'L2_GENESIS_BEFORE_L1_ORIGIN',
        `the L2 genesis time ${l2Time} is before the parent start block's time ${l1.timestamp}: every L2 block must be at or after ` +
          'its L1 origin, so the chain could not advance. Start from an older parent block or a later genesis timestamp',
        { path: 'timestamp' },
      );
    if (l2Time - l1.timestamp > 1800)
      warn(
        `the L2 genesis is ${l2Time - l1.timestamp} s after the parent start block: the sequencer will fill the gap with ` +
          'empty blocks while its L1 origin catches up (max sequencer drift is 1800 s)',
      );
  }

  const batcher = input.batcher ?? deployment.batcher;
  if (!batcher)
    throw new RollupConfigError('MISSING_BATCHER', 'no batcher address: pass --batcher <address> (the batcher role of the chain intent)', {
      path: '--batcher',
    });

  const systemConfig = deployment.systemConfig ?? zeroAddress;
  if (!deployment.systemConfig)
    warn('the deployment has no SystemConfig: op-node will not see batcher, fee or gas-limit updates (fine for the devnet parent only)');

  const parentBlockTime = input.parentBlockTime ?? L3_DEFAULTS.parentBlockTime;
  if (!(parentBlockTime > 0))
    throw new RollupConfigError('INVALID_FIELD', `the parent block time must be positive, got ${parentBlockTime}`, {
      path: '--parent-block-time',
    });

  const forks = params.forks;
  const holocene = forks.holocene !== null;
  const isthmus = forks.isthmus !== null;
  const forkTimes: Partial<Record<`${RollupFork}_time`, number>> = {};
  for (const fork of ROLLUP_FORKS) {
    const time = forkActivationTime(forks[fork], l2Time);
    if (time !== undefined) forkTimes[`${fork}_time`] = time;
  }

  const config: RollupConfig = {
    genesis: {
      l1: { hash: l1.hash, number: l1.number },
      l2: { hash: l2Hash, number: 0 },
      l2_time: l2Time,
      system_config: {
        batcherAddr: getAddress(batcher),
        // Post-Ecotone the overhead is unused and always zero.
        overhead: zeroHash,
        scalar: encodeEcotoneScalar(input.feeScalars ?? L3_DEFAULTS.feeScalars),
        gasLimit: params.gasLimit,
        // Zero = the SystemConfig has not set EIP-1559 parameters (true right after deployment): op-node
        // and op-geth then use chain_op_config's denominatorCanyon/elasticity.
        ...(holocene ? { eip1559Params: encodeEip1559Params({ denominator: 0, elasticity: 0 }) } : {}),
        ...(isthmus ? { operatorFeeParams: encodeOperatorFeeParams(input.operatorFee ?? { scalar: 0, constant: 0n }) } : {}),
      },
    },
    block_time: params.blockTime,
    max_sequencer_drift: L3_DEFAULTS.maxSequencerDrift,
    seq_window_size: Math.ceil(L3_DEFAULTS.sequencingWindowSeconds / parentBlockTime),
    channel_timeout: L3_DEFAULTS.channelTimeout,
    l1_chain_id: params.parentChainId,
    l2_chain_id: params.chainId,
    ...forkTimes,
    batch_inbox_address: deployment.batchInbox ?? deriveBatchInboxAddress(params.chainId),
    deposit_contract_address: deployment.optimismPortal,
    l1_system_config_address: systemConfig,
    protocol_versions_address: deployment.protocolVersions ?? zeroAddress,
    chain_op_config: {
      eip1559Elasticity: params.eip1559.elasticity,
      eip1559Denominator: params.eip1559.denominator,
      eip1559DenominatorCanyon: params.eip1559.denominatorCanyon,
    },
  };
  return orderRollupConfig(config);
}

/** The same config with its keys in op-node's field order (what serializeRollupConfig writes). */
export function orderRollupConfig(config: RollupConfig): RollupConfig {
  const sc = config.genesis.system_config;
  const ordered: RollupConfig = {
    genesis: {
      l1: { hash: config.genesis.l1.hash, number: config.genesis.l1.number },
      l2: { hash: config.genesis.l2.hash, number: config.genesis.l2.number },
      l2_time: config.genesis.l2_time,
      system_config: {
        batcherAddr: sc.batcherAddr,
        overhead: sc.overhead,
        scalar: sc.scalar,
        gasLimit: sc.gasLimit,
        ...(sc.eip1559Params !== undefined ? { eip1559Params: sc.eip1559Params } : {}),
        ...(sc.operatorFeeParams !== undefined ? { operatorFeeParams: sc.operatorFeeParams } : {}),
      },
    },
    block_time: config.block_time,
    max_sequencer_drift: config.max_sequencer_drift,
    seq_window_size: config.seq_window_size,
    channel_timeout: config.channel_timeout,
    l1_chain_id: config.l1_chain_id,
    l2_chain_id: config.l2_chain_id,
    batch_inbox_address: config.batch_inbox_address,
    deposit_contract_address: config.deposit_contract_address,
    l1_system_config_address: config.l1_system_config_address,
    protocol_versions_address: config.protocol_versions_address,
    chain_op_config: {
      eip1559Elasticity: config.chain_op_config.eip1559Elasticity,
      eip1559Denominator: config.chain_op_config.eip1559Denominator,
      eip1559DenominatorCanyon: config.chain_op_config.eip1559DenominatorCanyon,
    },
  };
  // Fork times go between l2_chain_id and batch_inbox_address, as in rollup.Config.
  const entries: [string, unknown][] = Object.entries(ordered);
  const at = entries.findIndex(([key]) => key === 'batch_inbox_address');
  const forkEntries = ROLLUP_FORKS.flatMap((fork) => {
    const time = config[`${fork}_time`];
    return time === undefined ? [] : [[`${fork}_time`, time] as [string, unknown]];
  });
  entries.splice(at, 0, ...forkEntries);
  return Object.fromEntries(entries) as RollupConfig;
}

/** rollup.json text: two-space JSON in op-node's field order, with a trailing newline. */
export function serializeRollupConfig(config: RollupConfig): string {
  return `${JSON.stringify(orderRollupConfig(config), null, 2)}\n`;
}

/** Validates the fields of genesis-params.json the rollup config uses. */
export function parseRollupParams(json: unknown, source = 'genesis params'): RollupParams {
  const result = rollupParamsSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String).join('.') || '(root)';
    const lines = result.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new RollupConfigError('INVALID_FIELD', `${source} is invalid:\n${lines}`, { path });
  }
  checkForkSchedule(result.data.forks);
  return result.data;
}

export async function readRollupParams(path: string): Promise<RollupParams> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RollupConfigError('UNREADABLE_FILE', `cannot read the genesis params ${path}: ${(cause as Error).message}`, { cause, path });
  }
  try {
    return parseRollupParams(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new RollupConfigError('INVALID_JSON', `${path} is not JSON: ${error.message}`, { cause: error, path });
    throw error;
  }
}
