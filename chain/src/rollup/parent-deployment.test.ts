import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RollupConfigError } from './errors.ts';
import { detectDeploymentFormat, parseL1Block, parseParentDeployment, readParentDeployment } from './parent-deployment.ts';

const example = fileURLToPath(new URL('../../../ops/config/parent-deployment.example.json', import.meta.url));

// `op-deployer inspect l1` today: addresses.L1Contracts, flattened by Go's encoder (lower-case hex).
const opDeployerFlat = {
  SuperchainProxyAdminImpl: '0x0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a',
  SuperchainConfigProxy: '0x1111111111111111111111111111111111111111',
  ProtocolVersionsProxy: '0x2222222222222222222222222222222222222222',
  OpcmImpl: '0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
  OptimismPortalProxy: '0x3333333333333333333333333333333333333333',
  SystemConfigProxy: '0x4444444444444444444444444444444444444444',
  DisputeGameFactoryProxy: '0x5555555555555555555555555555555555555555',
  AnchorStateRegistryProxy: '0x6666666666666666666666666666666666666666',
  L2OutputOracleProxy: '0x0000000000000000000000000000000000000000',
};

// `op-deployer inspect l1` in its first releases (2024): three sections, `...Address` keys.
const opDeployerSections = {
  superchainDeployment: {
    proxyAdminAddress: '0x0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a',
    superchainConfigProxyAddress: '0x1111111111111111111111111111111111111111',
    protocolVersionsProxyAddress: '0x2222222222222222222222222222222222222222',
  },
  opChainDeployment: {
    proxyAdminAddress: '0x0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c',
    systemConfigProxyAddress: '0x4444444444444444444444444444444444444444',
    optimismPortalProxyAddress: '0x3333333333333333333333333333333333333333',
    disputeGameFactoryProxyAddress: '0x5555555555555555555555555555555555555555',
  },
  implementationsDeployment: { opcmProxyAddress: '0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b' },
};

function assertError(fn: () => unknown, code: RollupConfigError['code'], path: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RollupConfigError, String(error));
    assert.equal(error.code, code, error.message);
    assert.equal(error.path, path, error.message);
    if (path !== '(root)') assert.ok(error.message.includes(path), `the message names the field: ${error.message}`);
    return true;
  });
}

test('reads the current op-deployer `inspect l1` output (flat L1Contracts)', () => {
  assert.equal(detectDeploymentFormat(opDeployerFlat), 'op-deployer');
  const d = parseParentDeployment(opDeployerFlat);
  assert.equal(d.format, 'op-deployer');
  assert.equal(d.chainId, undefined);
  assert.equal(d.optimismPortal, '0x3333333333333333333333333333333333333333');
  assert.equal(d.systemConfig, '0x4444444444444444444444444444444444444444');
  assert.equal(d.protocolVersions, '0x2222222222222222222222222222222222222222');
  assert.equal(d.disputeGameFactory, '0x5555555555555555555555555555555555555555');
  assert.equal(d.l2OutputOracle, undefined, 'the zero address means not deployed');
  assert.equal(d.l1Genesis, undefined);
  assert.equal(d.batchInbox, undefined);
});

test('reads the 2024 op-deployer output with superchain/opChain/implementations sections', () => {
  assert.equal(detectDeploymentFormat(opDeployerSections), 'op-deployer-sections');
  const d = parseParentDeployment(opDeployerSections);
  assert.equal(d.optimismPortal, '0x3333333333333333333333333333333333333333');
  assert.equal(d.systemConfig, '0x4444444444444444444444444444444444444444');
  assert.equal(d.protocolVersions, '0x2222222222222222222222222222222222222222');
  assert.equal(d.disputeGameFactory, '0x5555555555555555555555555555555555555555');
});

test('reads the CR8 devnet parent deployment (the committed example)', async () => {
  const d = await readParentDeployment(example);
  assert.equal(d.format, 'cr8-devnet');
  assert.equal(d.chainId, 888_001);
  assert.equal(d.optimismPortal, '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0');
  assert.equal(d.l2OutputOracle, '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512');
  assert.deepEqual(d.cr8, {
    token: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    parentBridge: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9',
  });
  assert.equal(d.batcher, '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc');
  assert.equal(d.systemConfig, undefined);
  assert.deepEqual(d.l1Genesis, {
    hash: '0xaf412f575e63682dc4bd289a538b6d2423ce4422598e30c670ae582c7e492c72',
    number: 1,
    timestamp: 1_767_225_598,
  });
});

test('an unknown shape is refused with UNKNOWN_SHAPE', () => {
  assertError(() => parseParentDeployment({ portal: '0x3333333333333333333333333333333333333333' }), 'UNKNOWN_SHAPE', '(root)');
  assertError(() => parseParentDeployment([]), 'UNKNOWN_SHAPE', '(root)');
  assertError(() => parseParentDeployment(null), 'UNKNOWN_SHAPE', '(root)');
});

test('a bad address is refused with INVALID_ADDRESS and its path', async () => {
  const devnet = JSON.parse(await readFile(example, 'utf8'));
  // wrong checksum (last character's case flipped)
  assertError(
    () => parseParentDeployment({ ...devnet, OptimismPortal: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6E0' }),
    'INVALID_ADDRESS',
    'OptimismPortal',
  );
  assertError(() => parseParentDeployment({ ...devnet, CR8Token: '0x1234' }), 'INVALID_ADDRESS', 'CR8Token');
  assertError(
    () => parseParentDeployment({ ...opDeployerFlat, SystemConfigProxy: '0x0000000000000000000000000000000000000000' }),
    'INVALID_ADDRESS',
    'SystemConfigProxy',
  );
  assertError(
    () =>
      parseParentDeployment({
        ...opDeployerSections,
        opChainDeployment: { ...opDeployerSections.opChainDeployment, optimismPortalProxyAddress: 'portal' },
      }),
    'INVALID_ADDRESS',
    'opChainDeployment.optimismPortalProxyAddress',
  );
});

test('a missing field is refused with MISSING_FIELD and its path', async () => {
  const devnet = JSON.parse(await readFile(example, 'utf8'));
  const { hash: _hash, ...l1GenesisWithoutHash } = devnet.l1Genesis;
  assertError(() => parseParentDeployment({ ...devnet, l1Genesis: l1GenesisWithoutHash }), 'MISSING_FIELD', 'l1Genesis.hash');
  const { L2OutputOracle: _oracle, ...withoutOracle } = devnet;
  assertError(() => parseParentDeployment(withoutOracle), 'MISSING_FIELD', 'L2OutputOracle');
  const { SystemConfigProxy: _sc, ...flatWithoutSystemConfig } = opDeployerFlat;
  assertError(() => parseParentDeployment(flatWithoutSystemConfig), 'MISSING_FIELD', 'SystemConfigProxy');
  const { systemConfigProxyAddress: _s, ...chainWithout } = opDeployerSections.opChainDeployment;
  assertError(
    () => parseParentDeployment({ ...opDeployerSections, opChainDeployment: chainWithout }),
    'MISSING_FIELD',
    'opChainDeployment.systemConfigProxyAddress',
  );
});

test('a field of the wrong type is refused with INVALID_FIELD and its path', async () => {
  const devnet = JSON.parse(await readFile(example, 'utf8'));
  assertError(
    () => parseParentDeployment({ ...devnet, l1Genesis: { ...devnet.l1Genesis, number: -1 } }),
    'INVALID_FIELD',
    'l1Genesis.number',
  );
  assertError(
    () => parseParentDeployment({ ...devnet, l1Genesis: { ...devnet.l1Genesis, hash: '0xabc' } }),
    'INVALID_FIELD',
    'l1Genesis.hash',
  );
  assertError(() => parseParentDeployment({ ...devnet, chainId: '888001' }), 'INVALID_FIELD', 'chainId');
});

test('--l1-block parses <hash>:<number> and refuses anything else', () => {
  const hash = '0xAF412F575E63682DC4BD289A538B6D2423CE4422598E30C670AE582C7E492C72';
  assert.deepEqual(parseL1Block(`${hash}:123`), { hash: hash.toLowerCase(), number: 123 });
  assert.deepEqual(parseL1Block(`${hash}:0x7b`), { hash: hash.toLowerCase(), number: 123 });
  // op-deployer's state.json startBlock, via jq: hash, hex number, hex timestamp
  assert.deepEqual(parseL1Block(`${hash}:0x7b:0x6955b8fe`), { hash: hash.toLowerCase(), number: 123, timestamp: 1_767_225_598 });
  for (const bad of [hash, `${hash}:`, `0x1234:1`, `${hash}:-1`, `${hash}:1.5`, `:12`, `${hash}:1:`, `${hash}:1:2:3`])
    assertError(() => parseL1Block(bad), 'INVALID_L1_BLOCK', '--l1-block');
});

test('unreadable and non-JSON files are refused with their own codes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cr8-deployment-'));
  try {
    await assert.rejects(
      readParentDeployment(join(dir, 'missing.json')),
      (e: unknown) => e instanceof RollupConfigError && e.code === 'UNREADABLE_FILE',
    );
    await writeFile(join(dir, 'bad.json'), '{ not json');
    await assert.rejects(
      readParentDeployment(join(dir, 'bad.json')),
      (e: unknown) => e instanceof RollupConfigError && e.code === 'INVALID_JSON',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
