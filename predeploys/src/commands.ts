// `cr8 genesis build|hash|inject`: the CR8 L3's genesis.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { genesisParamsPath, readGenesisParams } from '@cr8/chain/genesis-params';
import { repoRoot } from '@cr8/contracts/toolchain';
import { Command } from 'commander';
import { addressesJson, addressesJsonPath, predeploysSol, predeploysSolPath } from './export-addresses.ts';
import { buildGenesis, genesisJson } from './genesis/build-genesis.ts';
import { injectPredeploys } from './genesis/inject-genesis.ts';
import type { OpGethGenesis } from './genesis-format.ts';
import { computeGenesisHash } from './genesis-hash/genesis-hash.ts';

export const DEFAULT_GENESIS_PATH = join(repoRoot, 'genesis.json');

class GenesisFileError extends Error {
  override name = 'GenesisFileError';
  readonly code: 'UNREADABLE_FILE' | 'INVALID_JSON' | 'INVALID_GENESIS';
  constructor(code: GenesisFileError['code'], message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

async function readGenesisFile(path: string): Promise<OpGethGenesis> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new GenesisFileError('UNREADABLE_FILE', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  let genesis: unknown;
  try {
    genesis = JSON.parse(text);
  } catch (cause) {
    throw new GenesisFileError('INVALID_JSON', `${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (!genesis || typeof genesis !== 'object' || typeof (genesis as OpGethGenesis).alloc !== 'object')
    throw new GenesisFileError('INVALID_GENESIS', `${path} is not a genesis file (no alloc object)`);
  return genesis as OpGethGenesis;
}

/** Fails (exit 1) with `error [CODE]: message` for errors that carry a code. */
function guarded<T extends unknown[]>(action: (...args: T) => Promise<void>) {
  return async (...args: T) => {
    try {
      await action(...args);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      console.error(`error [${code}]: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
}

export function genesisCommand(): Command {
  const genesis = new Command('genesis').summary('build, hash and merge the CR8 L3 genesis').description(
    'The CR8 L3 genesis (op-geth format): OP protocol predeploys, the custom-gas-token predeploys and CR8\'s modules, ' +
      'each behind a proxy administered by the ProxyAdmin, initialized from chain/config/genesis-params.json.',
  );

  genesis
    .command('build')
    .summary('write genesis.json (and predeploys/addresses.json) from the chain params')
    .option('--params <file>', 'chain parameters', genesisParamsPath)
    .option('--out <file>', 'where to write the genesis', DEFAULT_GENESIS_PATH)
    .option('--check', 'do not write: fail if the files on disk differ from a fresh build', false)
    .action(
      guarded(async (options: { params: string; out: string; check: boolean }) => {
        const params = await readGenesisParams(options.params);
        const built = await buildGenesis({ params, onProgress: (message) => console.log(`… ${message}`) });
        const outputs: Array<[string, string]> = [
          [options.out, genesisJson(built)],
          [addressesJsonPath, addressesJson()],
          [predeploysSolPath, predeploysSol()],
        ];
        if (options.check) {
          const stale: string[] = [];
          for (const [path, text] of outputs) if ((await readFile(path, 'utf8').catch(() => '')) !== text) stale.push(path);
          if (stale.length > 0) {
            const error = new Error(`stale: ${stale.join(', ')}: run \`make genesis\` and commit the result`) as Error & { code: string };
            error.code = 'GENESIS_STALE';
            throw error;
          }
          console.log('genesis.json, predeploys/addresses.json and Predeploys.sol are up to date');
          return;
        }
        for (const [path, text] of outputs) await writeFile(path, text);
        const { hash, stateRoot } = await computeGenesisHash(built);
        console.log(`wrote ${options.out} (chain ${params.chainId}, ${Object.keys(built.alloc).length} accounts)`);
        console.log(`  genesis hash ${hash}\n  state root   ${stateRoot}`);
      }),
    );

  genesis
    .command('hash')
    .summary('print the genesis block hash and state root as op-geth computes them')
    .argument('<genesis.json>', 'an op-geth genesis file')
    .action(
      guarded(async (path: string) => {
        const { hash, stateRoot } = await computeGenesisHash(await readGenesisFile(path));
        console.log(JSON.stringify({ hash, stateRoot }));
      }),
    );

  genesis
    .command('inject')
    .summary("merge CR8's predeploys into a genesis made by op-deployer")
    .requiredOption('--base <file>', 'the genesis.json op-deployer wrote (op-deployer inspect genesis)')
    .option('--params <file>', 'chain parameters', genesisParamsPath)
    .option('--out <file>', 'where to write the merged genesis', 'genesis.injected.json')
    .action(
      guarded(async (options: { base: string; params: string; out: string }) => {
        const base = await readGenesisFile(options.base);
        const params = await readGenesisParams(options.params);
        const built = await buildGenesis({ params, onProgress: (message) => console.log(`… ${message}`) });
        const { genesis: merged, added } = injectPredeploys(base, built);
        await writeFile(options.out, genesisJson(merged));
        const { hash } = await computeGenesisHash(merged);
        console.log(`wrote ${options.out}: added ${added.length} CR8 accounts, no collisions; genesis hash ${hash}`);
        console.log('next: the LiquidityController owner calls authorizeMinter(0xC800000000000000000000000000000000000007) (CR8L3Bridge), then `cr8 rollup`');
      }),
    );
  return genesis;
}
