import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createMPT } from '@ethereumjs/mpt';
import { type Hex, bytesToHex, concat, fromRlp, keccak256, sha256, toRlp } from 'viem';
import type { GenesisChainConfig, OpGethGenesis } from '../genesis-format.ts';
import {
  EMPTY_CODE_HASH,
  EMPTY_REQUESTS_HASH,
  EMPTY_ROOT_HASH,
  EMPTY_UNCLE_HASH,
  GENESIS_DIFFICULTY,
  GENESIS_GAS_LIMIT,
  INITIAL_BASE_FEE,
  L2_TO_L1_MESSAGE_PASSER,
  computeGenesisHash,
  computeStateRoot,
  computeStorageRoot,
  type GenesisWithStateHash,
  encodeGenesisHeader,
  hashedKeyTrieRoot,
} from './genesis-hash.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const readGenesis = (file: string): OpGethGenesis => JSON.parse(gunzipSync(readFileSync(new URL(file, fixtures))).toString('utf8'));

type SuperchainChain = {
  superchain: string;
  chain: string;
  chainId: number;
  genesisFile: string;
  l2Time: number;
  l2Number: number;
  l2Hash: Hex;
  hardforks: Record<string, number | boolean>;
  optimism: { eip1559_elasticity: number; eip1559_denominator: number; eip1559_denominator_canyon?: number };
};
const registry: { commit: string; chains: SuperchainChain[] } = JSON.parse(readFileSync(new URL('superchain-chains.json', fixtures), 'utf8'));

const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';
const ZERO32: Hex = `0x${'00'.repeat(32)}`;

/**
 * The chain config op-geth builds for a superchain-registry chain (params.LoadOPStackChainConfig):
 * every block fork at 0, Shanghai = Canyon, Cancun = Ecotone, Prague = Isthmus, Regolith at 0, no ethash.
 */
function opStackChainConfig(chain: SuperchainChain): GenesisChainConfig {
  const time = (fork: string): number | undefined => {
    const value = chain.hardforks[`${fork}_time`];
    return typeof value === 'number' ? value : undefined;
  };
  const config: GenesisChainConfig = {
    chainId: chain.chainId,
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
    regolithTime: 0,
    canyonTime: time('canyon'),
    ecotoneTime: time('ecotone'),
    fjordTime: time('fjord'),
    graniteTime: time('granite'),
    holoceneTime: time('holocene'),
    isthmusTime: time('isthmus'),
    jovianTime: time('jovian'),
    terminalTotalDifficulty: 0,
    optimism: {
      eip1559Elasticity: chain.optimism.eip1559_elasticity,
      eip1559Denominator: chain.optimism.eip1559_denominator,
      eip1559DenominatorCanyon: chain.optimism.eip1559_denominator_canyon,
    },
  };
  for (const [key, value] of Object.entries(config)) if (value === undefined) delete config[key];
  return config;
}

describe('computeGenesisHash: published L1 genesis blocks', () => {
  it('Ethereum mainnet (8893 accounts, pre-London header)', async () => {
    const genesis = readGenesis('mainnet.genesis.json.gz');
    assert.equal(Object.keys(genesis.alloc).length, 8893);
    const result = await computeGenesisHash(genesis);
    assert.equal(result.stateRoot, '0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544');
    assert.equal(result.hash, '0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3');
    assert.equal(result.header.baseFeePerGas, undefined);
    assert.equal(result.header.nonce, '0x0000000000000042');
    assert.equal(fromRlp(result.headerRlp).length, 15);
  });

  it('Sepolia (London at block 0: default 1 gwei baseFee; deposit contract code and storage)', async () => {
    const result = await computeGenesisHash(readGenesis('sepolia.genesis.json.gz'));
    assert.equal(result.stateRoot, '0x5eb6e371a698b8d68f665192350ffcecbbbf322916f4b51bd79bb6887da3f494');
    assert.equal(result.hash, '0x25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9');
    assert.equal(result.header.baseFeePerGas, INITIAL_BASE_FEE);
    assert.equal(fromRlp(result.headerRlp).length, 16);
  });

  it('Hoodi (Shanghai and Cancun at genesis, Prague later)', async () => {
    const result = await computeGenesisHash(readGenesis('hoodi.genesis.json.gz'));
    assert.equal(result.hash, '0xbbe312868b376a3001692a646dd2d7d1e4406380dfd86b98aa8a34d1557c971b');
    assert.deepEqual(result.forks, { london: true, shanghai: true, cancun: true, prague: false, isthmus: false });
    assert.equal(result.header.withdrawalsRoot, EMPTY_ROOT_HASH);
    assert.equal(result.header.blobGasUsed, 0n);
    assert.equal(result.header.excessBlobGas, 0n);
    assert.equal(result.header.parentBeaconBlockRoot, `0x${'00'.repeat(32)}`);
    assert.equal(fromRlp(result.headerRlp).length, 20);
  });
});

describe('computeGenesisHash: superchain-registry OP Stack chains', () => {
  const expectedForks: Record<string, { shanghai: boolean; cancun: boolean; prague: boolean; isthmus: boolean }> = {
    lyra: { shanghai: false, cancun: false, prague: false, isthmus: false },
    ink: { shanghai: true, cancun: true, prague: false, isthmus: false },
    'sepolia-devnet-2': { shanghai: true, cancun: true, prague: true, isthmus: true },
  };
  for (const chain of registry.chains) {
    it(`${chain.superchain}/${chain.chain} (chain ${chain.chainId}) matches [genesis.l2] hash`, async () => {
      const genesis = readGenesis(chain.genesisFile);
      assert.equal(chain.l2Number, 0);
      assert.equal(Number(genesis.timestamp), chain.l2Time);
      const config = opStackChainConfig(chain);
      const result = await computeGenesisHash({ ...genesis, config });
      assert.equal(result.hash, chain.l2Hash);
      assert.deepEqual(result.forks, { london: true, ...expectedForks[chain.chain] });

      if (result.forks.isthmus) {
        // Isthmus: withdrawalsRoot is the L2ToL1MessagePasser's storage root, not the empty root...
        const passer = Object.entries(genesis.alloc).find(([address]) => address.toLowerCase().replace(/^0x/, '') === L2_TO_L1_MESSAGE_PASSER.slice(2));
        assert.ok(passer, 'the genesis has an L2ToL1MessagePasser');
        assert.equal(result.header.withdrawalsRoot, await computeStorageRoot(passer[1].storage));
        assert.notEqual(result.header.withdrawalsRoot, EMPTY_ROOT_HASH);
        // ...and the published hash depends on it.
        assert.notEqual(keccak256(encodeGenesisHeader({ ...result.header, withdrawalsRoot: EMPTY_ROOT_HASH })), chain.l2Hash);
        assert.equal(result.header.requestsHash, EMPTY_REQUESTS_HASH);
      } else if (result.forks.shanghai) {
        assert.equal(result.header.withdrawalsRoot, EMPTY_ROOT_HASH);
      } else {
        assert.equal(result.header.withdrawalsRoot, undefined);
      }

      if (genesis.config === null) {
        await assert.rejects(computeGenesisHash(genesis), /no chain configuration/);
      } else {
        // A genesis that carries its config (as op-deployer writes it) hashes the same directly.
        assert.equal((await computeGenesisHash(genesis)).hash, chain.l2Hash);
      }
    });
  }
});

describe('computeGenesisHash: OP Mainnet legacy block 0 (stateHash instead of an alloc)', () => {
  it('hashes to the block-0 hash op-geth pins for chain 10 (core/superchain.go)', async () => {
    const genesis = readGenesis('superchain-mainnet-op-legacy.genesis.json.gz') as GenesisWithStateHash;
    assert.equal(genesis.config, null);
    assert.deepEqual(genesis.alloc, {});
    // params.LoadOPStackChainConfig's special case for chain 10: pre-Bedrock history up to block 105235063.
    const bedrock = 105_235_063;
    const config: GenesisChainConfig = {
      ...opStackChainConfig({ ...registry.chains[0]!, chainId: 10, hardforks: { canyon_time: 1704992401, ecotone_time: 1710374401, isthmus_time: 1746806401 } }),
      berlinBlock: 3_950_000,
      londonBlock: bedrock,
      arrowGlacierBlock: bedrock,
      grayGlacierBlock: bedrock,
      mergeNetsplitBlock: bedrock,
      bedrockBlock: bedrock,
    };
    const result = await computeGenesisHash({ ...genesis, config });
    assert.equal(result.stateRoot, genesis.stateHash);
    assert.equal(result.hash, '0x7ca38a1916c42007829c55e69d3e9a73265554b586a499015373241b8a3fa48b');
    assert.equal(result.header.baseFeePerGas, undefined); // London only at Bedrock
    await assert.rejects(computeGenesisHash({ ...genesis, config, alloc: { [A]: { balance: '0x1' } } }), /both a stateHash/);
  });
});

// ---- edge rules on small hand-made genesis blocks ----


describe('constants', () => {
  it('are the hashes they claim to be', () => {
    assert.equal(EMPTY_ROOT_HASH, keccak256(toRlp('0x')));
    assert.equal(EMPTY_UNCLE_HASH, keccak256(toRlp([])));
    assert.equal(EMPTY_CODE_HASH, keccak256('0x'));
    assert.equal(EMPTY_REQUESTS_HASH, sha256('0x'));
  });
});

/** The root of a trie holding exactly one leaf: keccak(RLP([hex-prefix(0x20 ‖ path), value])). */
const singleLeafRoot = (key: Hex, valueRlp: Hex): Hex => keccak256(toRlp([concat(['0x20', keccak256(key)]), valueRlp]));
const emptyAccountRlp = toRlp(['0x', '0x', EMPTY_ROOT_HASH, EMPTY_CODE_HASH]);

const l2Config = (overrides: Record<string, unknown> = {}): GenesisChainConfig => ({
  chainId: 901,
  homesteadBlock: 0,
  londonBlock: 0,
  optimism: { eip1559Elasticity: 6, eip1559Denominator: 50 },
  ...overrides,
});
const genesisWith = (overrides: Partial<OpGethGenesis> = {}): OpGethGenesis => ({
  config: l2Config(),
  timestamp: '0x64',
  gasLimit: '0x1c9c380',
  difficulty: '0x0',
  alloc: { [A]: { balance: '0x1' } },
  ...overrides,
});

describe('state root rules', () => {
  it('keeps an empty account (nonce 0, balance 0, no code) in the state trie', async () => {
    const root = await computeStateRoot({ [A]: { balance: '0x0' } });
    assert.notEqual(root, EMPTY_ROOT_HASH);
    assert.equal(root, singleLeafRoot(A, emptyAccountRlp));
    assert.equal(await computeStateRoot({}), EMPTY_ROOT_HASH);
  });

  it('drops zero storage values and strips leading zero bytes from the rest', async () => {
    assert.equal(await computeStorageRoot({ '0x01': ZERO32, '0x02': '0x00' }), EMPTY_ROOT_HASH);
    const withZeroSlot = await computeStateRoot({ [A]: { balance: '0x0', storage: { '0x01': ZERO32 } } });
    assert.equal(withZeroSlot, await computeStateRoot({ [A]: { balance: '0x0' } }));

    const slot = `0x${'00'.repeat(31)}01` as Hex;
    const root = await computeStorageRoot({ '0x01': `0x${'00'.repeat(31)}05` });
    assert.equal(root, singleLeafRoot(slot, toRlp('0x05')), 'key = keccak(slot as 32 bytes), value = RLP(0x05)');
    // A short key is left-padded to 32 bytes, so these are the same slot.
    assert.equal(await computeStorageRoot({ [slot]: '0x05' }), root);
    await assert.rejects(computeStorageRoot({ '0x01': '0x05', [slot]: '0x06' }), /given twice/);
    await assert.rejects(computeStorageRoot({ '0x1': '0x05' }), /storage word/); // odd length: geth rejects it too
  });

  it('accepts alloc keys with or without 0x in any case, hex or decimal balances and nonces', async () => {
    const expected = await computeStateRoot({ [A]: { balance: '0x3e8', nonce: '0x2' }, [B]: { balance: '0x0' } });
    const mixed = await computeStateRoot({
      [A.slice(2).toUpperCase()]: { balance: '1000', nonce: 2 },
      [`0x${B.slice(2).toUpperCase()}`]: { balance: '0' },
    });
    assert.equal(mixed, expected);
    assert.equal(
      await computeStateRoot({ [A]: { balance: '0x3e8', nonce: '2' } }),
      singleLeafRoot(A, toRlp(['0x02', '0x03e8', EMPTY_ROOT_HASH, EMPTY_CODE_HASH])),
    );
    await assert.rejects(computeStateRoot({ [A]: { balance: '0x1' }, [A.toUpperCase().replace('0X', '0x')]: { balance: '0x2' } }), /given twice/);
    await assert.rejects(computeStateRoot({ '0x1234': { balance: '0x1' } }), /20-byte hex address/);
  });

  it('hashes code into the account leaf', async () => {
    const root = await computeStateRoot({ [A]: { balance: '0x0', code: '0x6000' } });
    assert.equal(root, singleLeafRoot(A, toRlp(['0x', '0x', EMPTY_ROOT_HASH, keccak256('0x6000')])));
  });
});

describe('hashedKeyTrieRoot agrees with @ethereumjs/mpt MerklePatriciaTrie', () => {
  // A small deterministic PRNG (mulberry32), so a failure is reproducible.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const next = random(42);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
  const referenceRoot = async (entries: [Uint8Array, Uint8Array][]) => {
    const trie = await createMPT();
    for (const [key, value] of entries) await trie.put(key, value);
    return bytesToHex(trie.root());
  };
  const cases: Record<string, () => [Uint8Array, Uint8Array][]> = {
    'one entry': () => [[bytes(32), bytes(3)]],
    'two entries': () => [[bytes(32), bytes(40)], [bytes(32), bytes(1)]],
    '600 random keys and value sizes': () => Array.from({ length: 600 }, () => [bytes(32), bytes(1 + Math.floor(next() * 90))]),
    'long shared prefixes and 1-byte values (inline child nodes)': () => {
      const base = bytes(32);
      return Array.from({ length: 40 }, (_, i) => {
        const key = base.slice();
        key[31] = i * 5; // differ in the last byte only: a 62-nibble extension over tiny leaves
        if (i % 3 === 0) key[20] = i; // and some diverge in the middle
        return [key, Uint8Array.of(i + 1)];
      });
    },
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const entries = make();
      assert.equal(hashedKeyTrieRoot(entries), await referenceRoot(entries));
    });
  }
  it('the empty trie and bad input', () => {
    assert.equal(hashedKeyTrieRoot([]), EMPTY_ROOT_HASH);
    const key = bytes(32);
    assert.throws(() => hashedKeyTrieRoot([[key, bytes(2)], [key.slice(), bytes(2)]]), /given twice/);
    assert.throws(() => hashedKeyTrieRoot([[bytes(31), bytes(2)]]), /32 bytes/);
  });
});

describe('genesis header rules', () => {
  it('gasLimit 0 (or absent) becomes params.GenesisGasLimit = 4712388', async () => {
    assert.equal(GENESIS_GAS_LIMIT, 4_712_388n);
    assert.equal((await computeGenesisHash(genesisWith({ gasLimit: '0x0' }))).header.gasLimit, GENESIS_GAS_LIMIT);
    const { gasLimit: _omit, ...withoutGasLimit } = genesisWith();
    assert.equal((await computeGenesisHash(withoutGasLimit)).header.gasLimit, GENESIS_GAS_LIMIT);
    assert.equal((await computeGenesisHash(genesisWith({ gasLimit: 30_000_000 }))).header.gasLimit, 30_000_000n);
  });

  it('a missing difficulty is 131072 with ethash and a zero mixHash, else 0', async () => {
    assert.equal(GENESIS_DIFFICULTY, 131_072n);
    const { difficulty: _omit, ...noDifficulty } = genesisWith();
    const ethash = l2Config({ ethash: {} });
    assert.equal((await computeGenesisHash({ ...noDifficulty, config: ethash })).header.difficulty, GENESIS_DIFFICULTY);
    assert.equal((await computeGenesisHash({ ...noDifficulty, config: ethash, mixHash: `0x${'00'.repeat(31)}01` })).header.difficulty, 0n);
    assert.equal((await computeGenesisHash(noDifficulty)).header.difficulty, 0n, 'no ethash section (every OP chain): 0');
    assert.equal((await computeGenesisHash({ ...genesisWith(), config: ethash, difficulty: '0x5' })).header.difficulty, 5n);
  });

  it('baseFee: London at block 0 uses the given value, else 1 gwei; no London, no baseFee', async () => {
    assert.equal((await computeGenesisHash(genesisWith())).header.baseFeePerGas, INITIAL_BASE_FEE);
    assert.equal((await computeGenesisHash(genesisWith({ baseFeePerGas: null }))).header.baseFeePerGas, INITIAL_BASE_FEE);
    assert.equal((await computeGenesisHash(genesisWith({ baseFeePerGas: '0x7' }))).header.baseFeePerGas, 7n);
    const noLondon = await computeGenesisHash(genesisWith({ config: l2Config({ londonBlock: 1 }), baseFeePerGas: '0x7' }));
    assert.equal(noLondon.header.baseFeePerGas, undefined);
    assert.equal(fromRlp(noLondon.headerRlp).length, 15);
  });

  it('a fork is active at genesis exactly when its time is <= the genesis timestamp', async () => {
    const at = (name: string, time: number) => computeGenesisHash(genesisWith({ timestamp: 100, config: l2Config({ [name]: time }) }));
    assert.equal((await at('shanghaiTime', 100)).header.withdrawalsRoot, EMPTY_ROOT_HASH);
    assert.equal((await at('shanghaiTime', 101)).header.withdrawalsRoot, undefined);
    assert.equal((await at('cancunTime', 100)).header.parentBeaconBlockRoot, ZERO32);
    assert.equal((await at('cancunTime', 101)).header.parentBeaconBlockRoot, undefined);
    assert.equal((await at('pragueTime', 100)).header.requestsHash, EMPTY_REQUESTS_HASH);
    assert.equal((await at('pragueTime', 101)).header.requestsHash, undefined);
    assert.equal((await at('isthmusTime', 100)).forks.isthmus, true);
    assert.equal((await at('isthmusTime', 101)).forks.isthmus, false);
    // Time forks also need London at the genesis block number.
    const noLondon = await computeGenesisHash(genesisWith({ config: l2Config({ londonBlock: undefined, shanghaiTime: 0, cancunTime: 0 }) }));
    assert.deepEqual(noLondon.forks, { london: false, shanghai: false, cancun: false, prague: false, isthmus: false });
  });

  it('header field count grows with the forks: London 16, Shanghai 17, Cancun 20, Prague 21', async () => {
    const count = async (config: GenesisChainConfig) => fromRlp((await computeGenesisHash(genesisWith({ config }))).headerRlp).length;
    assert.equal(await count(l2Config()), 16);
    assert.equal(await count(l2Config({ shanghaiTime: 0 })), 17);
    assert.equal(await count(l2Config({ shanghaiTime: 0, cancunTime: 0 })), 20);
    assert.equal(await count(l2Config({ shanghaiTime: 0, cancunTime: 0, pragueTime: 0 })), 21);
  });

  it('Cancun takes blobGasUsed/excessBlobGas from the genesis, null -> 0', async () => {
    const cancun = l2Config({ shanghaiTime: 0, cancunTime: 0 });
    const given = await computeGenesisHash(genesisWith({ config: cancun, blobGasUsed: '0x3', excessBlobGas: 9 }));
    assert.equal(given.header.blobGasUsed, 3n);
    assert.equal(given.header.excessBlobGas, 9n);
    const nulls = await computeGenesisHash(genesisWith({ config: cancun, blobGasUsed: null, excessBlobGas: null }));
    assert.equal(nulls.header.blobGasUsed, 0n);
    assert.equal(nulls.header.excessBlobGas, 0n);
  });

  it('an excessBlobGas given before Cancun still lands in the header, with empty placeholders before it', async () => {
    const result = await computeGenesisHash(genesisWith({ excessBlobGas: '0x0', blobGasUsed: '0x0' }));
    assert.equal(result.header.excessBlobGas, 0n);
    assert.equal(result.header.blobGasUsed, undefined);
    const fields = fromRlp(result.headerRlp);
    assert.equal(fields.length, 19); // baseFee, withdrawalsRoot (""), blobGasUsed (""), excessBlobGas (0)
    assert.deepEqual(fields.slice(15), [toRlpInt(INITIAL_BASE_FEE), '0x', '0x', '0x']);
    const without = await computeGenesisHash(genesisWith({ excessBlobGas: null }));
    assert.notEqual(without.hash, result.hash);
  });

  it('Isthmus: withdrawalsRoot is the L2ToL1MessagePasser storage root (empty root without one); needs an OP config', async () => {
    const isthmus = l2Config({ shanghaiTime: 0, cancunTime: 0, pragueTime: 0, isthmusTime: 0 });
    const storage: Record<Hex, Hex> = { '0x00': '0x01', '0x02': '0xabcd' };
    const result = await computeGenesisHash(genesisWith({ config: isthmus, alloc: { [L2_TO_L1_MESSAGE_PASSER]: { balance: '0x0', storage } } }));
    assert.equal(result.header.withdrawalsRoot, await computeStorageRoot(storage));
    assert.notEqual(result.header.withdrawalsRoot, EMPTY_ROOT_HASH);
    const noPasser = await computeGenesisHash(genesisWith({ config: isthmus }));
    assert.equal(noPasser.header.withdrawalsRoot, EMPTY_ROOT_HASH);
    const { optimism: _omit, ...l1Like } = isthmus;
    const notOp = await computeGenesisHash(genesisWith({ config: l1Like as GenesisChainConfig, alloc: { [L2_TO_L1_MESSAGE_PASSER]: { balance: '0x0', storage } } }));
    assert.equal(notOp.forks.isthmus, false);
    assert.equal(notOp.header.withdrawalsRoot, EMPTY_ROOT_HASH);
  });

  it('refuses what op-geth cannot hash or this code does not model', async () => {
    await assert.rejects(computeGenesisHash(genesisWith({ config: null })), /no chain configuration/);
    await assert.rejects(computeGenesisHash(genesisWith({ config: l2Config({ amsterdamTime: 0 }) })), /Amsterdam/);
    await assert.rejects(computeGenesisHash(genesisWith({ alloc: { [A]: {} as never } })), /balance/);
    await assert.rejects(computeGenesisHash(genesisWith({ timestamp: '0xzz' })), /neither a hex nor a decimal/);
  });
});

function toRlpInt(n: bigint): Hex {
  const hex = n.toString(16);
  return `0x${hex.length % 2 ? '0' : ''}${hex}`;
}
