import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RollupConfigError } from './errors.ts';
import { loadGenesisHasher, rollupCommand } from './command.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const paramsPath = join(root, 'chain/config/genesis-params.json');
const examplePath = join(root, 'ops/config/parent-deployment.example.json');
const GIVEN_HASH = '0x1111111111111111111111111111111111111111111111111111111111111111';

/** A small op-geth genesis for chain 888008 at the params' timestamp, Holocene active at genesis. */
function genesisJson(chainId = 888_008, timestamp = 1_767_225_600) {
  return {
    config: {
      chainId,
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
      shanghaiTime: 0,
      cancunTime: 0,
      bedrockBlock: 0,
      regolithTime: 0,
      canyonTime: 0,
      ecotoneTime: 0,
      fjordTime: 0,
      graniteTime: 0,
      holoceneTime: 0,
      terminalTotalDifficulty: 0,
      optimism: { eip1559Elasticity: 6, eip1559Denominator: 50, eip1559DenominatorCanyon: 250 },
    },
    timestamp: `0x${timestamp.toString(16)}`,
    gasLimit: `0x${(60_000_000).toString(16)}`,
    difficulty: '0x0',
    extraData: '0x00000000fa00000006',
    baseFeePerGas: '0x3b9aca00',
    alloc: { '4200000000000000000000000000000000000016': { balance: '0x0', code: '0x00' } },
  };
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cr8-rollup-'));
  await writeFile(join(dir, 'genesis.json'), JSON.stringify(genesisJson()));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const command = rollupCommand({ log: (line) => lines.push(line) })
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  await command.parseAsync(args, { from: 'user' });
  return lines;
}

test('cr8 rollup writes rollup.json (stable keys, trailing newline) and prints the genesis hash it used', async () => {
  const out = join(dir, 'rollup.json');
  const lines = await run([
    '--deployment',
    examplePath,
    '--genesis',
    join(dir, 'genesis.json'),
    '--genesis-hash',
    GIVEN_HASH,
    '--params',
    paramsPath,
    '--out',
    out,
  ]);
  const text = await readFile(out, 'utf8');
  assert.ok(text.endsWith('}\n'));
  const rollup = JSON.parse(text);
  assert.equal(rollup.genesis.l2.hash, GIVEN_HASH);
  assert.equal(rollup.l2_chain_id, 888_008);
  assert.equal(rollup.genesis.l2_time, 1_767_225_600);
  assert.equal(Object.keys(rollup)[0], 'genesis');
  assert.equal(Object.keys(rollup).at(-1), 'chain_op_config');
  assert.match(lines[0]!, new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  assert.ok(
    lines.some((line) => line.includes(GIVEN_HASH) && line.includes('--genesis-hash')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((line) => /warning: .*no SystemConfig/.test(line)),
    lines.join('\n'),
  );

  // Same input, same bytes.
  await run([
    '--deployment',
    examplePath,
    '--genesis',
    join(dir, 'genesis.json'),
    '--genesis-hash',
    GIVEN_HASH,
    '--params',
    paramsPath,
    '--out',
    out,
  ]);
  assert.equal(await readFile(out, 'utf8'), text);
});

test('cr8 rollup computes the L2 genesis hash from genesis.json when the genesis-hash module is present', async (t) => {
  const computeGenesisHash = await loadGenesisHasher();
  if (!computeGenesisHash) {
    t.skip('predeploys/src/genesis-hash/genesis-hash.ts is not in this tree');
    return;
  }
  const out = join(dir, 'rollup-computed.json');
  const lines = await run(['--deployment', examplePath, '--genesis', join(dir, 'genesis.json'), '--params', paramsPath, '--out', out]);
  const expected = (await computeGenesisHash(genesisJson())).hash;
  const rollup = JSON.parse(await readFile(out, 'utf8'));
  assert.equal(rollup.genesis.l2.hash, expected);
  assert.ok(
    lines.some((line) => line.includes(expected) && line.includes('computed from')),
    lines.join('\n'),
  );
});

test('every cr8 rollup option has help text', () => {
  const command = rollupCommand();
  for (const option of command.options) assert.ok(option.description.length > 10, `${option.flags} has no help text`);
  const help = command.helpInformation();
  for (const flag of ['--deployment', '--genesis', '--params', '--out', '--l1-block', '--batcher', '--genesis-hash', '--parent-block-time'])
    assert.ok(help.includes(flag), `--help lacks ${flag}`);
});

test('cr8 rollup refuses bad input with a coded error', async () => {
  const opDeployer = join(dir, 'op-deployer-l1.json');
  await writeFile(
    opDeployer,
    JSON.stringify({
      OptimismPortalProxy: '0x3333333333333333333333333333333333333333',
      SystemConfigProxy: '0x4444444444444444444444444444444444444444',
    }),
  );
  const base = [
    '--genesis',
    join(dir, 'genesis.json'),
    '--genesis-hash',
    GIVEN_HASH,
    '--params',
    paramsPath,
    '--out',
    join(dir, 'never.json'),
  ];
  const rejects = (args: string[], code: RollupConfigError['code'], path?: string) =>
    assert.rejects(run(args), (error: unknown) => {
      assert.ok(error instanceof RollupConfigError, String(error));
      assert.equal(error.code, code);
      if (path !== undefined) assert.equal(error.path, path);
      assert.ok(error.message.includes(`[${code}`), error.message);
      return true;
    });

  await rejects(['--deployment', opDeployer, ...base], 'MISSING_L1_BLOCK', '--l1-block');
  await rejects(['--deployment', opDeployer, '--l1-block', `${'0x'}${'01'.repeat(32)}:7`, ...base], 'MISSING_BATCHER', '--batcher');

  const isthmusGenesis = genesisJson();
  Object.assign(isthmusGenesis.config, { isthmusTime: 0 });
  await writeFile(join(dir, 'genesis-isthmus.json'), JSON.stringify(isthmusGenesis));
  await rejects(
    ['--deployment', examplePath, ...base, '--genesis', join(dir, 'genesis-isthmus.json')],
    'CHAIN_MISMATCH',
    'config.isthmusTime',
  );
  await writeFile(join(dir, 'genesis-later.json'), JSON.stringify(genesisJson(888_008, 1_767_225_700)));
  await rejects(['--deployment', examplePath, ...base, '--genesis', join(dir, 'genesis-later.json')], 'CHAIN_MISMATCH', 'timestamp');
  await writeFile(join(dir, 'genesis-other-chain.json'), JSON.stringify(genesisJson(1234)));
  await rejects(
    ['--deployment', examplePath, ...base, '--genesis', join(dir, 'genesis-other-chain.json')],
    'CHAIN_MISMATCH',
    'config.chainId',
  );
  await rejects(['--deployment', examplePath, ...base, '--genesis', join(dir, 'no-genesis.json')], 'UNREADABLE_FILE');

  // Option values are checked by commander before anything runs.
  await assert.rejects(run(['--deployment', examplePath, ...base, '--batcher', '0x12']), /20-byte hex address/);
  await assert.rejects(run(['--deployment', examplePath, ...base, '--l1-block', 'latest']), /--l1-block must be/);
});
