// Builds the CR8 L3's genesis.json (op-geth format) from chain/config/genesis-params.json: runs the
// forge script that places and initializes every predeploy (contracts/script/genesis/L3Genesis.s.sol),
// keeps only the predeploy accounts from its state dump, and wraps them with the chain config and
// header fields. The output is deterministic: same params and contracts, same bytes.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type GenesisParams, forkTime, OP_FORKS, readGenesisParams } from '@cr8/chain/genesis-params';
import { contractsDir, FoundryRunError, runFoundry } from '@cr8/contracts/toolchain';
import { type Address, type Hex, getAddress, numberToHex, pad, toHex } from 'viem';
import { implementationAddress, predeploys } from '../addresses.ts';
import type { GenesisAccount, OpGethGenesis } from '../genesis-format.ts';

/** The coinbase of every OP Stack genesis block: the SequencerFeeVault. */
export const GENESIS_COINBASE: Address = '0x4200000000000000000000000000000000000011';

export class GenesisBuildError extends Error {
  override name = 'GenesisBuildError';
  readonly code = 'GENESIS_BUILD_FAILED';
}

type DumpedAccount = { nonce?: string | number; balance?: string; code?: string; storage?: Record<string, string> };

export type BuildGenesisParameters = {
  params?: GenesisParams;
  onProgress?: (message: string) => void;
};

export async function buildGenesis(parameters: BuildGenesisParameters = {}): Promise<OpGethGenesis> {
  const params = parameters.params ?? (await readGenesisParams());
  const progress = parameters.onProgress ?? (() => {});
  progress('placing and initializing the predeploys (forge script script/genesis/L3Genesis.s.sol)');
  const dump = await runGenesisScript(params);
  const alloc = predeployAlloc(dump);
  for (const [address, amount] of Object.entries(params.prefund)) {
    const key = address.toLowerCase();
    if (alloc[key]) throw new GenesisBuildError(`prefund address ${address} collides with a predeploy`);
    alloc[key] = { balance: toHex(amount) };
  }
  // OP Stack genesis gives each precompile-range address 1 wei so none is an empty account (EIP-161).
  for (let i = 0; i < 256; i++) {
    const key = pad(toHex(i), { size: 20 });
    alloc[key] ??= { balance: '0x1' };
  }
  progress(`genesis holds ${Object.keys(alloc).length} accounts`);
  return {
    config: chainConfig(params),
    nonce: '0x0',
    timestamp: numberToHex(params.timestamp),
    extraData: extraData(params),
    gasLimit: numberToHex(params.gasLimit),
    difficulty: '0x0',
    mixHash: pad('0x0', { size: 32 }),
    coinbase: GENESIS_COINBASE,
    alloc: sortedAlloc(alloc),
    number: '0x0',
    gasUsed: '0x0',
    parentHash: pad('0x0', { size: 32 }),
    baseFeePerGas: toHex(params.baseFeePerGas),
    // Blob fields only with Cancun (Ecotone) at genesis: geth hashes a non-null excessBlobGas even before.
    excessBlobGas: activeAtGenesis(params, 'ecotone') ? '0x0' : null,
    blobGasUsed: activeAtGenesis(params, 'ecotone') ? '0x0' : null,
  };
}

/** The JSON text of a genesis, as committed: 2-space indented, trailing newline. */
export function genesisJson(genesis: OpGethGenesis): string {
  return `${JSON.stringify(genesis, null, 2)}\n`;
}

function activeAtGenesis(params: GenesisParams, fork: (typeof OP_FORKS)[number]): boolean {
  const time = forkTime(params, fork);
  return time !== undefined && time <= params.timestamp;
}

/** op-geth's ChainConfig for an OP Stack chain: every Ethereum fork through London at block 0, the OP
 *  forks at their times (Canyon carries Shanghai, Ecotone Cancun, Isthmus Prague). */
export function chainConfig(params: GenesisParams): NonNullable<OpGethGenesis['config']> {
  const time = (fork: (typeof OP_FORKS)[number]) => forkTime(params, fork);
  const config: Record<string, unknown> = {
    chainId: params.chainId,
    homesteadBlock: 0,
    eip150Block: 0,
    eip155Block: 0,
    eip158Block: 0,
    byzantiumBlock: 0,
    constantinopleBlock: 0,
    petersburgBlock: 0,
    istanbulBlock: 0,
    muirGlacierBlock: 0,
    berlinBlock: 0,
    londonBlock: 0,
    arrowGlacierBlock: 0,
    grayGlacierBlock: 0,
    mergeNetsplitBlock: 0,
    shanghaiTime: time('canyon'),
    cancunTime: time('ecotone'),
    pragueTime: time('isthmus'),
    bedrockBlock: 0,
    regolithTime: time('regolith'),
    canyonTime: time('canyon'),
    ecotoneTime: time('ecotone'),
    fjordTime: time('fjord'),
    graniteTime: time('granite'),
    holoceneTime: time('holocene'),
    isthmusTime: time('isthmus'),
    terminalTotalDifficulty: 0,
    depositContractAddress: '0x0000000000000000000000000000000000000000',
    optimism: {
      eip1559Elasticity: params.eip1559.elasticity,
      eip1559Denominator: params.eip1559.denominator,
      eip1559DenominatorCanyon: params.eip1559.denominatorCanyon,
    },
  };
  for (const [key, value] of Object.entries(config)) if (value === undefined) delete config[key];
  return config as NonNullable<OpGethGenesis['config']>;
}

/** Holocene at genesis: extraData carries the EIP-1559 parameters (version 0, denominator, elasticity). */
function extraData(params: GenesisParams): Hex {
  if (!activeAtGenesis(params, 'holocene')) return '0x';
  const denominator = activeAtGenesis(params, 'canyon') ? params.eip1559.denominatorCanyon : params.eip1559.denominator;
  return `0x00${denominator.toString(16).padStart(8, '0')}${params.eip1559.elasticity.toString(16).padStart(8, '0')}`;
}

/** Keeps the predeploy accounts (proxies, implementations, unproxied predeploys) and normalizes them. */
function predeployAlloc(dump: Record<string, DumpedAccount>): Record<string, GenesisAccount> {
  const byAddress = new Map(Object.entries(dump).map(([address, account]) => [address.toLowerCase(), account]));
  const alloc: Record<string, GenesisAccount> = {};
  const take = (address: Address, what: string) => {
    const account = byAddress.get(address.toLowerCase());
    if (!account?.code || account.code === '0x')
      throw new GenesisBuildError(`the genesis script placed no code at ${what} (${address})`);
    alloc[address.toLowerCase()] = normalizeAccount(account);
  };
  for (const predeploy of predeploys) {
    take(predeploy.address, predeploy.name);
    if (!predeploy.proxied) continue;
    const implementation = implementationAddress(predeploy.address);
    const stored = alloc[predeploy.address.toLowerCase()]?.storage?.[IMPLEMENTATION_SLOT];
    if (!stored || getAddress(`0x${stored.slice(-40)}`) !== implementation)
      throw new GenesisBuildError(`${predeploy.name}'s proxy does not point at ${implementation}`);
    take(implementation, `${predeploy.name}'s implementation`);
  }
  return alloc;
}

const IMPLEMENTATION_SLOT: Hex = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

function normalizeAccount(account: DumpedAccount): GenesisAccount {
  const out: GenesisAccount = { balance: toHex(BigInt(account.balance ?? 0)) };
  const nonce = BigInt(account.nonce ?? 0);
  if (nonce !== 0n) out.nonce = toHex(nonce);
  if (account.code && account.code !== '0x') out.code = account.code.toLowerCase() as Hex;
  const storage = Object.entries(account.storage ?? {})
    .map(([slot, value]) => [pad(slot as Hex, { size: 32 }).toLowerCase(), pad(value as Hex, { size: 32 }).toLowerCase()] as const)
    .filter(([, value]) => BigInt(value) !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (storage.length > 0) out.storage = Object.fromEntries(storage) as Record<Hex, Hex>;
  return out;
}

function sortedAlloc(alloc: Record<string, GenesisAccount>): Record<string, GenesisAccount> {
  return Object.fromEntries(Object.entries(alloc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What the forge script reads: the params with integers as decimal strings, plus derived facts. */
function scriptInput(params: GenesisParams): unknown {
  return JSON.parse(
    JSON.stringify(
      {
        ...params,
        activeAtGenesis: Object.fromEntries(OP_FORKS.map((fork) => [fork, activeAtGenesis(params, fork)])),
      },
      (_key, value) => (typeof value === 'bigint' ? value.toString() : value),
    ),
  );
}

async function runGenesisScript(params: GenesisParams): Promise<Record<string, DumpedAccount>> {
  const workDir = join(contractsDir, 'cache', 'genesis');
  await mkdir(workDir, { recursive: true });
  const stem = `genesis-${process.pid}-${Date.now()}`;
  const inputFile = join(workDir, `${stem}.input.json`);
  const dumpFile = join(workDir, `${stem}.dump.json`);
  await writeFile(inputFile, JSON.stringify(scriptInput(params)));
  try {
    await runFoundry('forge', ['script', 'script/genesis/L3Genesis.s.sol', '--sig', 'run()'], {
      env: { ...process.env, GENESIS_INPUT: relative(contractsDir, inputFile), GENESIS_DUMP: relative(contractsDir, dumpFile) },
    }).catch((cause: unknown) => {
      if (!(cause instanceof FoundryRunError)) throw cause;
      throw new GenesisBuildError(`the genesis script failed (exit ${cause.exitCode}):\n${cause.output || cause.message}`, { cause });
    });
    const dump = JSON.parse(await readFile(dumpFile, 'utf8')) as Record<string, DumpedAccount>;
    return dump;
  } finally {
    await rm(inputFile, { force: true });
    await rm(dumpFile, { force: true });
  }
}

