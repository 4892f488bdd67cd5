import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Hex } from 'viem';
import { RollupConfigError } from './errors.ts';
import { type ParentDeployment, parseParentDeployment } from './parent-deployment.ts';
import {
  type BuildRollupConfigInput,
  type RollupConfig,
  type RollupParams,
  buildRollupConfig,
  checkForkSchedule,
  checkGenesisForks,
  deriveBatchInboxAddress,
  encodeEcotoneScalar,
  encodeEip1559Params,
  encodeOperatorFeeParams,
  forkActivationTime,
  parseRollupParams,
  readRollupParams,
  serializeRollupConfig,
} from './rollup-config.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const L2_HASH: Hex = '0x50282e67243d176e112506fe95b6670f9b84c969ecd48d1b48e7cae523bbe267';
const GENESIS_TIME = 1_767_225_600;

function params(overrides: Partial<RollupParams> = {}): RollupParams {
  return {
    chainId: 888_008,
    parentChainId: 888_001,
    timestamp: GENESIS_TIME,
    blockTime: 2,
    gasLimit: 60_000_000,
    forks: { regolith: 0, canyon: 0, delta: 0, ecotone: 0, fjord: 0, granite: 0, holocene: 0, isthmus: null },
    eip1559: { elasticity: 6, denominator: 50, denominatorCanyon: 250 },
    ...overrides,
  };
}

async function devnetDeployment(): Promise<ParentDeployment> {
  const json = JSON.parse(await readFile(`${root}ops/config/parent-deployment.example.json`, 'utf8'));
  return parseParentDeployment(json);
}

const opDeployerDeployment = () =>
  parseParentDeployment({
    SuperchainConfigProxy: '0x1111111111111111111111111111111111111111',
    ProtocolVersionsProxy: '0x2222222222222222222222222222222222222222',
    OptimismPortalProxy: '0x3333333333333333333333333333333333333333',
    SystemConfigProxy: '0x4444444444444444444444444444444444444444',
    DisputeGameFactoryProxy: '0x5555555555555555555555555555555555555555',
    L2OutputOracleProxy: '0x0000000000000000000000000000000000000000',
  });

function input(deployment: ParentDeployment, overrides: Partial<BuildRollupConfigInput> = {}): BuildRollupConfigInput {
  return { params: params(), l2Genesis: { hash: L2_HASH, timestamp: GENESIS_TIME }, deployment, ...overrides };
}

function assertRollupError(fn: () => unknown, code: RollupConfigError['code'], path?: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RollupConfigError, `expected a RollupConfigError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (path !== undefined) assert.equal(error.path, path);
    return true;
  });
}

test('maps the params, the L2 genesis and a devnet deployment onto every rollup.json field', async () => {
  const deployment = await devnetDeployment();
  const warnings: string[] = [];
  const config = buildRollupConfig(input(deployment, { onWarning: (w) => warnings.push(w) }));
  assert.deepEqual(config, {
    genesis: {
      l1: { hash: '0xaf412f575e63682dc4bd289a538b6d2423ce4422598e30c670ae582c7e492c72', number: 1 },
      l2: { hash: L2_HASH, number: 0 },
      l2_time: GENESIS_TIME,
      system_config: {
        batcherAddr: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
        overhead: '0x0000000000000000000000000000000000000000000000000000000000000000',
        // version 1, blob scalar 0, base scalar 1_000_000 (0x0f4240)
        scalar: '0x01000000000000000000000000000000000000000000000000000000000f4240',
        gasLimit: 60_000_000,
        eip1559Params: '0x0000000000000000',
      },
    },
    block_time: 2,
    max_sequencer_drift: 600,
    seq_window_size: 21_600,
    channel_timeout: 300,
    l1_chain_id: 888_001,
    l2_chain_id: 888_008,
    regolith_time: 0,
    canyon_time: 0,
    delta_time: 0,
    ecotone_time: 0,
    fjord_time: 0,
    granite_time: 0,
    holocene_time: 0,
    batch_inbox_address: deriveBatchInboxAddress(888_008),
    deposit_contract_address: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
    l1_system_config_address: '0x0000000000000000000000000000000000000000',
    protocol_versions_address: '0x0000000000000000000000000000000000000000',
    chain_op_config: { eip1559Elasticity: 6, eip1559Denominator: 50, eip1559DenominatorCanyon: 250 },
  } satisfies RollupConfig);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /no SystemConfig/);
});

test("writes op-node's field order, whatever order the object was built in, with a trailing newline", async () => {
  const config = buildRollupConfig(input(await devnetDeployment(), { params: params({ forks: { ...params().forks, isthmus: 3600 } }) }));
  const shuffled = Object.fromEntries(Object.entries(config).reverse()) as RollupConfig;
  const text = serializeRollupConfig(shuffled);
  assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
  assert.equal(text, serializeRollupConfig(config));
  const parsed = JSON.parse(text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), [
    'genesis',
    'block_time',
    'max_sequencer_drift',
    'seq_window_size',
    'channel_timeout',
    'l1_chain_id',
    'l2_chain_id',
    'regolith_time',
    'canyon_time',
    'delta_time',
    'ecotone_time',
    'fjord_time',
    'granite_time',
    'holocene_time',
    'isthmus_time',
    'batch_inbox_address',
    'deposit_contract_address',
    'l1_system_config_address',
    'protocol_versions_address',
    'chain_op_config',
  ]);
  assert.deepEqual(Object.keys((parsed.genesis as { system_config: object }).system_config), [
    'batcherAddr',
    'overhead',
    'scalar',
    'gasLimit',
    'eip1559Params',
    'operatorFeeParams',
  ]);
});

test('fork times: unscheduled forks are omitted, offset 0 is 0, later offsets are genesis time + offset', async () => {
  assert.equal(forkActivationTime(null, GENESIS_TIME), undefined);
  assert.equal(forkActivationTime(0, GENESIS_TIME), 0);
  assert.equal(forkActivationTime(86_400, GENESIS_TIME), GENESIS_TIME + 86_400);

  const deployment = await devnetDeployment();
  const later = buildRollupConfig(
    input(deployment, {
      params: params({ forks: { regolith: 0, canyon: 0, delta: 0, ecotone: 0, fjord: 0, granite: 0, holocene: 3600, isthmus: 7200 } }),
    }),
  );
  assert.equal(later.delta_time, 0);
  assert.equal(later.granite_time, 0);
  assert.equal(later.holocene_time, GENESIS_TIME + 3600);
  assert.equal(later.isthmus_time, GENESIS_TIME + 7200);
  assert.equal(later.genesis.system_config.eip1559Params, '0x0000000000000000');
  assert.equal(later.genesis.system_config.operatorFeeParams, `0x${'00'.repeat(32)}`);

  const preHolocene = buildRollupConfig(
    input(deployment, {
      params: params({ forks: { regolith: 0, canyon: 0, delta: 0, ecotone: 0, fjord: 0, granite: 0, holocene: null, isthmus: null } }),
    }),
  );
  assert.equal('holocene_time' in preHolocene, false);
  assert.equal('isthmus_time' in preHolocene, false);
  // op-node before Holocene/Isthmus rejects these unknown fields, so they are not written at all.
  assert.equal('eip1559Params' in preHolocene.genesis.system_config, false);
  assert.equal('operatorFeeParams' in preHolocene.genesis.system_config, false);
});

test('fork schedule: a fork after an unscheduled one, or before an earlier one, is refused', () => {
  const forks = params().forks;
  assertRollupError(() => checkForkSchedule({ ...forks, holocene: null, isthmus: 60 }), 'INVALID_FORK_SCHEDULE', 'forks.isthmus');
  assertRollupError(
    () => checkForkSchedule({ ...forks, fjord: 100, granite: 50, holocene: 100 }),
    'INVALID_FORK_SCHEDULE',
    'forks.granite',
  );
  assert.doesNotThrow(() => checkForkSchedule({ ...forks, holocene: 100, isthmus: 100 }));
});

test('SystemConfig encodings match op-node (Ecotone scalar, Holocene EIP-1559 params, Isthmus operator fee)', () => {
  // Ink mainnet's genesis scalar in the superchain registry: blob 810949, base 1368.
  assert.equal(
    encodeEcotoneScalar({ baseFeeScalar: 1368, blobBaseFeeScalar: 810_949 }),
    '0x010000000000000000000000000000000000000000000000000c5fc500000558',
  );
  assert.equal(encodeEip1559Params({ denominator: 250, elasticity: 6 }), '0x000000fa00000006');
  assert.equal(
    encodeOperatorFeeParams({ scalar: 0x01020304, constant: 0x0506070809n }),
    '0x0000000000000000000000000000000000000000010203040000000506070809',
  );
  assertRollupError(() => encodeEcotoneScalar({ baseFeeScalar: 2 ** 32, blobBaseFeeScalar: 0 }), 'INVALID_FIELD');
  assertRollupError(() => encodeOperatorFeeParams({ scalar: 0, constant: 1n << 64n }), 'INVALID_FIELD');
});

test("batch inbox: op-deployer's derivation (0x00 ‖ keccak256(chainId)[0:19]) reproduces a registry chain", () => {
  // Ink mainnet (chain 57073) was deployed by op-deployer; the superchain registry lists this inbox.
  assert.equal(deriveBatchInboxAddress(57_073), '0x005969bf0EcbF6eDB6C47E5e94693b1C3651Be97');
  assert.match(deriveBatchInboxAddress(888_008), /^0x00[0-9a-fA-F]{38}$/);
});

test('an op-deployer deployment maps portal, SystemConfig and ProtocolVersions, and needs --l1-block and --batcher', () => {
  const deployment = opDeployerDeployment();
  const l1Block = { hash: '0x0101010101010101010101010101010101010101010101010101010101010101' as Hex, number: 42 };
  const batcher = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as const;
  const config = buildRollupConfig(input(deployment, { l1Block, batcher, parentBlockTime: 12 }));
  assert.deepEqual(config.genesis.l1, { hash: l1Block.hash, number: 42 });
  assert.equal(config.deposit_contract_address, '0x3333333333333333333333333333333333333333');
  assert.equal(config.l1_system_config_address, '0x4444444444444444444444444444444444444444');
  assert.equal(config.protocol_versions_address, '0x2222222222222222222222222222222222222222');
  assert.equal(config.batch_inbox_address, deriveBatchInboxAddress(888_008));
  assert.equal(config.genesis.system_config.batcherAddr, batcher);
  assert.equal(config.seq_window_size, 3600, 'a 12 s parent gets the L1 window of 3600 blocks');

  assertRollupError(() => buildRollupConfig(input(deployment, { batcher })), 'MISSING_L1_BLOCK', '--l1-block');
  assertRollupError(() => buildRollupConfig(input(deployment, { l1Block })), 'MISSING_BATCHER', '--batcher');
});

test('refuses inconsistent chains, times and hashes', async () => {
  const deployment = await devnetDeployment();
  assertRollupError(
    () => buildRollupConfig(input(deployment, { l2Genesis: { hash: L2_HASH, timestamp: GENESIS_TIME + 2 } })),
    'CHAIN_MISMATCH',
    'timestamp',
  );
  assertRollupError(() => buildRollupConfig(input(deployment, { params: params({ parentChainId: 8453 }) })), 'CHAIN_MISMATCH', 'chainId');
  assertRollupError(
    () => buildRollupConfig(input(deployment, { l1Block: { hash: deployment.l1Genesis!.hash, number: 1, timestamp: GENESIS_TIME + 10 } })),
    'L2_GENESIS_BEFORE_L1_ORIGIN',
    'timestamp',
  );
  assertRollupError(
    () => buildRollupConfig(input(deployment, { l2Genesis: { hash: `0x${'00'.repeat(32)}`, timestamp: GENESIS_TIME } })),
    'INVALID_GENESIS_HASH',
  );
  assertRollupError(
    () => buildRollupConfig(input(deployment, { l2Genesis: { hash: '0x1234', timestamp: GENESIS_TIME } })),
    'INVALID_GENESIS_HASH',
  );
  assertRollupError(
    () => buildRollupConfig(input(deployment, { l2Genesis: { hash: deployment.l1Genesis!.hash, timestamp: GENESIS_TIME } })),
    'INVALID_GENESIS_HASH',
  );

  const warnings: string[] = [];
  buildRollupConfig(
    input(deployment, {
      l1Block: { hash: deployment.l1Genesis!.hash, number: 1, timestamp: GENESIS_TIME - 7200 },
      onWarning: (w) => warnings.push(w),
    }),
  );
  assert.ok(
    warnings.some((w) => /7200 s after the parent start block/.test(w)),
    warnings.join('\n'),
  );
});

test('fee scalars and the operator fee can be set', async () => {
  const config = buildRollupConfig(
    input(await devnetDeployment(), {
      params: params({ forks: { ...params().forks, isthmus: 0 } }),
      feeScalars: { baseFeeScalar: 1368, blobBaseFeeScalar: 810_949 },
      operatorFee: { scalar: 7, constant: 9n },
    }),
  );
  assert.equal(config.genesis.system_config.scalar, '0x010000000000000000000000000000000000000000000000000c5fc500000558');
  assert.equal(config.genesis.system_config.operatorFeeParams, '0x0000000000000000000000000000000000000000000000070000000000000009');
  assert.equal(config.isthmus_time, 0);
});

test('reads the committed genesis-params.json and rejects bad params with the field path', async () => {
  const committed = await readRollupParams(`${root}chain/config/genesis-params.json`);
  assert.equal(committed.chainId, 888_008);
  assert.equal(committed.forks.regolith, 0);
  assert.throws(
    () => parseRollupParams({ ...params(), eip1559: { elasticity: 6, denominator: 0, denominatorCanyon: 250 } }),
    (error: unknown) => error instanceof RollupConfigError && error.code === 'INVALID_FIELD' && error.path === 'eip1559.denominator',
  );
  assert.throws(
    () => parseRollupParams({ ...params(), forks: { ...params().forks, holocene: null, isthmus: 1 } }),
    (error: unknown) => error instanceof RollupConfigError && error.code === 'INVALID_FORK_SCHEDULE',
  );
  await assert.rejects(
    readRollupParams(`${root}no/such/params.json`),
    (error: unknown) => error instanceof RollupConfigError && error.code === 'UNREADABLE_FILE',
  );
});

test("genesis.json's fork times must match the params' schedule (op-geth and op-node must agree)", () => {
  const geth = { regolithTime: 0, canyonTime: 0, ecotoneTime: 0, fjordTime: 0, graniteTime: 0, holoceneTime: 0 };
  assert.doesNotThrow(() => checkGenesisForks(geth, params(), GENESIS_TIME));
  // op-geth's "active at genesis" may be 0 or the genesis time itself: both mean the same.
  assert.doesNotThrow(() => checkGenesisForks({ ...geth, holoceneTime: GENESIS_TIME }, params(), GENESIS_TIME));
  // op-deployer activates Isthmus at genesis; the params do not schedule it.
  assertRollupError(() => checkGenesisForks({ ...geth, isthmusTime: 0 }, params(), GENESIS_TIME), 'CHAIN_MISMATCH', 'config.isthmusTime');
  assertRollupError(
    () => checkGenesisForks({ ...geth, holoceneTime: GENESIS_TIME + 10 }, params(), GENESIS_TIME),
    'CHAIN_MISMATCH',
    'config.holoceneTime',
  );
  const { fjordTime: _fjord, ...withoutFjord } = geth;
  assertRollupError(() => checkGenesisForks(withoutFjord, params(), GENESIS_TIME), 'CHAIN_MISMATCH', 'config.fjordTime');
  assertRollupError(() => checkGenesisForks({ ...geth, jovianTime: 0 }, params(), GENESIS_TIME), 'CHAIN_MISMATCH', 'config.jovianTime');
  assertRollupError(() => checkGenesisForks({ ...geth, graniteTime: '0' }, params(), GENESIS_TIME), 'INVALID_FIELD', 'config.graniteTime');
  const later = params({ forks: { ...params().forks, isthmus: 3600 } });
  assert.doesNotThrow(() => checkGenesisForks({ ...geth, isthmusTime: GENESIS_TIME + 3600 }, later, GENESIS_TIME));
});
