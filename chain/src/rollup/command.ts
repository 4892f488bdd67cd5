// `cr8 rollup`: writes op-node's rollup.json for the CR8 L3 from genesis-params.json, genesis.json (its
// op-geth block hash and timestamp) and the parent-chain deployment (op-deployer or `cr8 dev` output).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { type Address, type Hex, getAddress, isAddress } from 'viem';
import { RollupConfigError } from './errors.ts';
import { type L1BlockRef, parseL1Block, readParentDeployment } from './parent-deployment.ts';
import { L3_DEFAULTS, buildRollupConfig, checkGenesisForks, readRollupParams, serializeRollupConfig } from './rollup-config.ts';

/** The genesis.json fields `cr8 rollup` reads (op-geth core.Genesis). */
export type GenesisFile = {
  config: ({ chainId: number } & Record<string, unknown>) | null;
  timestamp?: string | number;
  [field: string]: unknown;
};

type ComputeGenesisHash = (genesis: unknown) => Promise<{ hash: Hex; stateRoot: Hex }>;

/**
 * op-geth's genesis hash, from predeploys/src/genesis-hash (imported by path, not as a package, so this
 * package does not depend on the genesis builder). Undefined when that module is not there.
 */
export async function loadGenesisHasher(): Promise<ComputeGenesisHash | undefined> {
  const url = new URL('../../../predeploys/src/genesis-hash/genesis-hash.ts', import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  const module = (await import(url.href)) as { computeGenesisHash?: ComputeGenesisHash };
  return module.computeGenesisHash;
}

/** genesis.json's timestamp, which op-geth reads as hex ("0x…") or decimal. */
export function genesisTimestamp(genesis: GenesisFile, path: string): number {
  const raw = genesis.timestamp ?? 0;
  const value =
    typeof raw === 'number'
      ? raw
      : /^0x[0-9a-fA-F]+$/.test(raw)
        ? Number.parseInt(raw, 16)
        : /^[0-9]+$/.test(raw)
          ? Number(raw)
          : Number.NaN;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RollupConfigError('INVALID_FIELD', `${path}: timestamp must be a positive quantity, got ${JSON.stringify(raw)}`, {
      path: 'timestamp',
    });
  return value;
}

async function readGenesis(path: string): Promise<GenesisFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RollupConfigError(
      'UNREADABLE_FILE',
      `cannot read ${path}: ${(cause as Error).message} (build it with \`cr8 genesis build\`, or point --genesis at it)`,
      { cause, path },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new RollupConfigError('INVALID_JSON', `${path} is not JSON: ${(cause as Error).message}`, { cause, path });
  }
  const genesis = json as GenesisFile;
  if (json === null || typeof json !== 'object' || !genesis.config || typeof genesis.config.chainId !== 'number')
    throw new RollupConfigError(
      'MISSING_FIELD',
      `${path} has no config.chainId (op-geth cannot init or hash a genesis without its chain config)`,
      {
        path: 'config.chainId',
      },
    );
  return genesis;
}

function parseAddressOption(value: string): Address {
  if (!isAddress(value)) throw new InvalidArgumentError('must be a 20-byte hex address (checksummed if mixed-case)');
  return getAddress(value);
}

function parseHashOption(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidArgumentError('must be a 32-byte 0x-prefixed hex hash');
  return value.toLowerCase() as Hex;
}

function parseL1BlockOption(value: string): L1BlockRef {
  try {
    return parseL1Block(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parseUint32Option(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isInteger(n) || n > 0xffff_ffff)
    throw new InvalidArgumentError('must be an integer in [0, 4294967295]');
  return n;
}

function parseSecondsOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return n;
}

export type RollupCommandOptions = {
  deployment: string;
  genesis: string;
  genesisHash?: Hex;
  params: string;
  out: string;
  l1Block?: L1BlockRef;
  batcher?: Address;
  parentBlockTime: number;
  basefeeScalar: number;
  blobbasefeeScalar: number;
};

/** Runs `cr8 rollup` with parsed options; returns what it wrote. `log` receives each output line. */
export async function runRollup(options: RollupCommandOptions, log: (line: string) => void = console.log) {
  const params = await readRollupParams(options.params);
  const deployment = await readParentDeployment(options.deployment);
  const genesis = await readGenesis(options.genesis);
  if (genesis.config!.chainId !== params.chainId)
    throw new RollupConfigError(
      'CHAIN_MISMATCH',
      `${options.genesis} is for chain ${genesis.config!.chainId} but ${options.params} says chainId ${params.chainId}`,
      { path: 'config.chainId' },
    );
  const timestamp = genesisTimestamp(genesis, options.genesis);
  if (timestamp !== params.timestamp)
    throw new RollupConfigError(
      'CHAIN_MISMATCH',
      `${options.genesis} has timestamp ${timestamp} but ${options.params} says ${params.timestamp}: fork offsets are relative to the ` +
        'genesis time, so set "timestamp" in the params to the genesis timestamp (a genesis from op-deployer uses its L1 start block time)',
      { path: 'timestamp' },
    );
  checkGenesisForks(genesis.config!, params, timestamp);

  let hash = options.genesisHash;
  let hashSource = '--genesis-hash';
  if (hash === undefined) {
    const computeGenesisHash = await loadGenesisHasher();
    if (!computeGenesisHash)
      throw new RollupConfigError(
        'INVALID_GENESIS_HASH',
        'cannot compute the L2 genesis hash here (predeploys/src/genesis-hash is missing): pass --genesis-hash <hash> ' +
          '(the hash op-geth prints at `geth init`)',
        { path: '--genesis-hash' },
      );
    try {
      hash = (await computeGenesisHash(genesis)).hash;
    } catch (cause) {
      throw new RollupConfigError('INVALID_GENESIS_HASH', `cannot hash ${options.genesis}: ${(cause as Error).message}`, {
        cause,
        path: options.genesis,
      });
    }
    hashSource = `computed from ${options.genesis}`;
  }

  const warnings: string[] = [];
  const config = buildRollupConfig({
    params,
    l2Genesis: { hash, timestamp },
    deployment,
    ...(options.l1Block ? { l1Block: options.l1Block } : {}),
    ...(options.batcher ? { batcher: options.batcher } : {}),
    feeScalars: { baseFeeScalar: options.basefeeScalar, blobBaseFeeScalar: options.blobbasefeeScalar },
    parentBlockTime: options.parentBlockTime,
    onWarning: (message) => warnings.push(message),
  });
  await writeFile(options.out, serializeRollupConfig(config));

  log(`wrote ${options.out} (op-node rollup config, ${deployment.format} deployment)`);
  log(`  L2 genesis hash   ${config.genesis.l2.hash}  (${hashSource})`);
  log(`  L2 genesis time   ${config.genesis.l2_time}   chain id ${config.l2_chain_id}`);
  log(`  parent start      ${config.genesis.l1.hash}:${config.genesis.l1.number}   chain id ${config.l1_chain_id}`);
  log(`  portal            ${config.deposit_contract_address}`);
  log(`  system config     ${config.l1_system_config_address}`);
  log(`  batch inbox       ${config.batch_inbox_address}`);
  log(`  batcher           ${config.genesis.system_config.batcherAddr}`);
  log(`  seq window        ${config.seq_window_size} parent blocks`);
  for (const warning of warnings) log(`  warning: ${warning}`);
  return { config, warnings, out: options.out };
}

export function rollupCommand(options: { log?: (line: string) => void } = {}): Command {
  return new Command('rollup')
    .summary("write op-node's rollup.json for the CR8 L3")
    .description(
      "Builds op-node's rollup.json from chain/config/genesis-params.json, genesis.json (the L2 genesis block: op-geth's " +
        'hash of it and its timestamp) and the parent-chain deployment, which is either `op-deployer inspect l1` output ' +
        'or the parent-deployment.json `cr8 dev` writes. Fork times, EIP-1559 parameters and chain ids come from the ' +
        'params; fee scalars and derivation windows default to values for an L3 posting calldata to a 2-second L2 parent.',
    )
    .requiredOption('--deployment <file>', "parent-chain deployment: `op-deployer inspect l1` output or cr8 dev's parent-deployment.json")
    .option('--genesis <file>', 'the L2 genesis.json (op-geth format) whose block hash and timestamp rollup.json anchors', 'genesis.json')
    .option(
      '--genesis-hash <hash>',
      'use this L2 genesis block hash (e.g. the one `geth init` printed) instead of computing it from --genesis',
      parseHashOption,
    )
    .option(
      '--params <file>',
      'the CR8 chain parameters (chain ids, genesis time, forks, gas limit, EIP-1559)',
      'chain/config/genesis-params.json',
    )
    .option('--out <file>', 'where to write rollup.json', 'rollup.json')
    .option(
      '--l1-block <hash:number[:time]>',
      'the parent block the rollup starts after, as <hash>:<number>[:<timestamp>] (overrides the deployment file)',
      parseL1BlockOption,
    )
    .option('--batcher <address>', 'the batch sender address (required unless the deployment file names a Batcher)', parseAddressOption)
    .option(
      '--parent-block-time <seconds>',
      'seconds per parent-chain block; sizes the 12-hour sequencing window',
      parseSecondsOption,
      L3_DEFAULTS.parentBlockTime,
    )
    .option(
      '--basefee-scalar <n>',
      'Ecotone base-fee scalar (1e6 = charge 16 gas x parent base fee per compressed byte); must match the parent SystemConfig',
      parseUint32Option,
      L3_DEFAULTS.feeScalars.baseFeeScalar,
    )
    .option(
      '--blobbasefee-scalar <n>',
      'Ecotone blob-base-fee scalar (0: batches are calldata, an L2 parent has no blob market); must match the parent SystemConfig',
      parseUint32Option,
      L3_DEFAULTS.feeScalars.blobBaseFeeScalar,
    )
    .action(async (parsed: RollupCommandOptions) => {
      try {
        await runRollup(parsed, options.log);
      } catch (error) {
        if (error instanceof RollupConfigError) error.message = `${error.message} [${error.code}${error.path ? ` at ${error.path}` : ''}]`;
        throw error;
      }
    });
}
