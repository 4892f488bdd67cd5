// The genesis block hash and state root of an op-geth genesis.json, computed the way op-geth does it
// (core/genesis.go: Genesis.ToBlock -> hashAlloc + toBlockWithRoot; core/types/block.go: Header RLP).
//
// Rules followed (op-geth v1.1017xx, i.e. go-ethereum v1.17 plus the OP Stack changes):
//  - State: every alloc entry becomes an account, even an empty one (the genesis state is committed
//    without deleting empty objects). Account leaf = RLP [nonce, balance, storageRoot, codeHash] under
//    keccak256(address). Storage leaf = RLP(value with leading zero bytes stripped) under
//    keccak256(slot as 32 bytes); zero values are not stored. The tries are built bottom-up from
//    sorted keys with @ethereumjs/mpt's node classes (see hashedKeyTrieRoot for why not its put()).
//  - Header: the 15 legacy fields, then the optional fields by fork, each fork judged active at
//    genesis as `forkTime <= genesis.timestamp` (block forks: `forkBlock <= genesis.number`):
//      baseFee          London at block 0: the given baseFeePerGas, else 1 gwei
//      withdrawalsRoot  Shanghai: the empty trie root; OP Isthmus: the storage root of the
//                       L2ToL1MessagePasser (0x4200…0016), the empty root if it has none
//      blobGasUsed, excessBlobGas, parentBeaconBlockRoot
//                       Cancun: the given values (null -> 0) and the zero hash. Before Cancun a
//                       given excessBlobGas is still put in the header (geth >= 1.16.4 does this)
//      requestsHash     Prague: sha256("") (op-geth's registry config sets pragueTime = isthmusTime)
//    Optional fields are trailing: a field that is absent but followed by a present one is encoded
//    as an empty RLP string, as go-ethereum's `rlp:"optional"` does.
//  - gasLimit 0 -> 4712388 (params.GenesisGasLimit). A missing difficulty becomes 0 when the chain
//    config has no `ethash` section (every OP chain), else 131072 (params.GenesisDifficulty) when the
//    mixHash is zero. (geth's JSON decoder requires "difficulty", so this only matters to callers that
//    build the object in code.)
//  - A genesis with `config: null` cannot be hashed (op-geth panics/refuses too): the superchain
//    registry's genesis files carry none, and op-geth rebuilds it from the chain's TOML.
//  - A `stateHash` (only OP Mainnet's legacy block 0 has one) replaces the state root; the alloc must
//    then be empty, and Isthmus must not be active.
import { BranchMPTNode, ExtensionMPTNode, LeafMPTNode } from '@ethereumjs/mpt';
import { type Address, type Hex, bytesToHex, hexToBytes, keccak256, toRlp } from 'viem';
import type { GenesisAccount, GenesisChainConfig, OpGethGenesis } from '../genesis-format.ts';

/** keccak256(RLP("")): the root of an empty Merkle Patricia trie (types.EmptyRootHash). */
export const EMPTY_ROOT_HASH: Hex = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';
/** keccak256(RLP([])): the hash of an empty uncle list (types.EmptyUncleHash). */
export const EMPTY_UNCLE_HASH: Hex = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';
/** keccak256(""): the code hash of an account without code (types.EmptyCodeHash). */
export const EMPTY_CODE_HASH: Hex = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';
/** sha256(""): the EIP-7685 requests hash of a block without requests (types.EmptyRequestsHash). */
export const EMPTY_REQUESTS_HASH: Hex = '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** The OP Stack predeploy whose storage root is the withdrawalsRoot from Isthmus on. */
export const L2_TO_L1_MESSAGE_PASSER: Address = '0x4200000000000000000000000000000000000016';
/** params.GenesisGasLimit: used when the genesis gasLimit is 0. */
export const GENESIS_GAS_LIMIT = 4_712_388n;
/** params.GenesisDifficulty: used when the difficulty is missing, the config has ethash and mixHash is 0. */
export const GENESIS_DIFFICULTY = 131_072n;
/** params.InitialBaseFee: the genesis base fee when London is active at block 0 and none is given. */
export const INITIAL_BASE_FEE = 1_000_000_000n;

const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;
const ZERO_BLOOM: Hex = `0x${'00'.repeat(256)}`;
const UINT64_MAX = (1n << 64n) - 1n;
const UINT256_MAX = (1n << 256n) - 1n;

/** The header op-geth builds for the genesis block; optional fields are present only when hashed. */
export type GenesisHeader = {
  parentHash: Hex;
  sha3Uncles: Hex;
  miner: Address;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  difficulty: bigint;
  number: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
  timestamp: bigint;
  extraData: Hex;
  mixHash: Hex;
  nonce: Hex;
  baseFeePerGas?: bigint;
  withdrawalsRoot?: Hex;
  blobGasUsed?: bigint;
  excessBlobGas?: bigint;
  parentBeaconBlockRoot?: Hex;
  requestsHash?: Hex;
};

/** Which header-shaping forks are active at the genesis block. */
export type GenesisForks = {
  london: boolean;
  shanghai: boolean;
  cancun: boolean;
  prague: boolean;
  isthmus: boolean;
};

/** A genesis file may name its state root instead of listing the state (op-geth's Genesis.StateHash). */
export type GenesisWithStateHash = OpGethGenesis & { stateHash?: Hex | null };

export type GenesisHashResult = {
  hash: Hex;
  stateRoot: Hex;
  header: GenesisHeader;
  /** The RLP encoding of the header; `hash` is its keccak256. */
  headerRlp: Hex;
  forks: GenesisForks;
};

type Quantity = Hex | string | number | bigint | null | undefined;

/** Parses a hex ("0x…") or decimal quantity the way go-ethereum's math.HexOrDecimal types do. */
export function parseQuantity(value: Quantity, field: string, max: bigint = UINT256_MAX): bigint {
  let n: bigint;
  if (value === null || value === undefined) n = 0n;
  else if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`${field}: ${value} is not an exact integer`);
    n = BigInt(value);
  } else if (value === '') n = 0n;
  else if (/^0[xX][0-9a-fA-F]+$/.test(value)) n = BigInt(`0x${value.slice(2)}`);
  else if (/^[0-9]+$/.test(value)) n = BigInt(value);
  else throw new Error(`${field}: ${JSON.stringify(value)} is neither a hex nor a decimal number`);
  if (n < 0n || n > max) throw new Error(`${field}: ${n} is out of range`);
  return n;
}

/** Parses 0x-prefixed hex bytes (hexutil.Bytes); `length` pins the byte length. */
function parseBytes(value: string | undefined | null, field: string, length?: number): Uint8Array {
  if (value === undefined || value === null) return new Uint8Array(length ?? 0);
  if (!/^0[xX]([0-9a-fA-F]{2})*$/.test(value)) throw new Error(`${field}: ${JSON.stringify(value)} is not 0x-prefixed hex bytes`);
  const bytes = hexToBytes(value as Hex);
  if (length !== undefined && bytes.length !== length) throw new Error(`${field}: expected ${length} bytes, got ${bytes.length}`);
  return bytes;
}

/** An alloc key (common.UnprefixedAddress: 40 hex digits, 0x optional, any case) as lowercase 0x hex. */
export function normalizeAllocAddress(key: string): Address {
  const hex = key.startsWith('0x') || key.startsWith('0X') ? key.slice(2) : key;
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) throw new Error(`alloc: ${JSON.stringify(key)} is not a 20-byte hex address`);
  return `0x${hex.toLowerCase()}`;
}

/** A storage key or value (storageJSON: up to 64 hex digits, 0x optional, left-padded) as 32 bytes. */
function parseStorageWord(text: string, field: string): Uint8Array {
  const hex = text.startsWith('0x') ? text.slice(2) : text;
  if (hex.length > 64 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new Error(`${field}: ${JSON.stringify(text)} is not a storage word (even-length hex, at most 32 bytes)`);
  }
  const word = new Uint8Array(32);
  word.set(hexToBytes(`0x${hex}`), 32 - hex.length / 2);
  return word;
}

function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** A big-endian unsigned integer as minimal bytes (0 -> empty), as RLP encodes integers. */
function uintHex(n: bigint): Hex {
  if (n === 0n) return '0x';
  const hex = n.toString(16);
  return `0x${hex.length % 2 === 0 ? hex : `0${hex}`}`;
}

type TrieNode = BranchMPTNode | ExtensionMPTNode | LeafMPTNode;
type TrieLeaf = { nibbles: number[]; value: Uint8Array };

/** How a parent refers to a child: by keccak256 of its RLP, or inline when that RLP is under 32 bytes. */
function childReference(node: TrieNode): Uint8Array {
  const encoded = node.serialize();
  // An inline child is its raw node (a list); the node classes RLP-encode whatever they are given.
  return encoded.length >= 32 ? keccak256(encoded, 'bytes') : (node.raw() as unknown as Uint8Array);
}

/** The subtrie over leaves[lo, hi) (sorted, sharing their first `depth` nibbles). */
function buildTrieNode(leaves: TrieLeaf[], lo: number, hi: number, depth: number): TrieNode {
  const first = leaves[lo] as TrieLeaf;
  if (hi - lo === 1) return new LeafMPTNode(first.nibbles.slice(depth), first.value);
  const last = leaves[hi - 1] as TrieLeaf;
  let shared = depth;
  while (first.nibbles[shared] === last.nibbles[shared]) shared++; // sorted: first/last bound the prefix
  if (shared > depth) return new ExtensionMPTNode(first.nibbles.slice(depth, shared), childReference(buildTrieNode(leaves, lo, hi, shared)));
  const branch = new BranchMPTNode();
  let start = lo;
  for (let i = lo + 1; i <= hi; i++) {
    const nibble = (leaves[start] as TrieLeaf).nibbles[depth] as number;
    if (i < hi && (leaves[i] as TrieLeaf).nibbles[depth] === nibble) continue;
    branch.setBranch(nibble, childReference(buildTrieNode(leaves, start, i, depth + 1)));
    start = i;
  }
  return branch;
}

/**
 * The Merkle Patricia root of a trie whose keys are all 32 bytes (already hashed) and distinct, with
 * non-empty values. Nodes are @ethereumjs/mpt's own node classes, but the trie is built bottom-up
 * from the sorted keys so that every node is hashed once: MerklePatriciaTrie.put re-hashes the whole
 * path on each insert, which made mainnet's 8893 accounts take 2-4 s instead of well under 1 s
 * (sorted inserts, batch, a bytes-valued MapDB, caches and checkpoints did not change that).
 * genesis-hash.test.ts checks it against MerklePatriciaTrie on random and adversarial keys.
 */
export function hashedKeyTrieRoot(entries: readonly (readonly [key: Uint8Array, value: Uint8Array])[]): Hex {
  if (entries.length === 0) return EMPTY_ROOT_HASH;
  const sorted = [...entries].sort((a, b) => Buffer.compare(a[0], b[0]));
  const leaves = sorted.map(([key, value], i): TrieLeaf => {
    if (key.length !== 32) throw new Error(`trie key ${bytesToHex(key)} is not 32 bytes`);
    if (value.length === 0) throw new Error(`trie value for ${bytesToHex(key)} is empty`);
    if (i > 0 && Buffer.compare(key, (sorted[i - 1] as readonly [Uint8Array, Uint8Array])[0]) === 0) throw new Error(`trie key ${bytesToHex(key)} is given twice`);
    const nibbles: number[] = [];
    for (const byte of key) nibbles.push(byte >> 4, byte & 15);
    return { nibbles, value };
  });
  return keccak256(buildTrieNode(leaves, 0, leaves.length, 0).serialize()); // the root is always hashed
}

/** The root of a secure trie (keys hashed with keccak256), as the state and storage tries are. */
function secureTrieRoot(entries: [key: Uint8Array, value: Uint8Array][]): Hex {
  return hashedKeyTrieRoot(entries.map(([key, value]) => [keccak256(key, 'bytes'), value] as const));
}

/** The root of the storage trie of one account's `storage` map (zero values dropped). */
export async function computeStorageRoot(storage: GenesisAccount['storage']): Promise<Hex> {
  return storageTrieRoot(storage, 'storage');
}

function storageTrieRoot(storage: GenesisAccount['storage'], field: string): Hex {
  const entries: [Uint8Array, Uint8Array][] = [];
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(storage ?? {})) {
    const slot = parseStorageWord(key, `${field} key`);
    const slotHex = bytesToHex(slot);
    if (seen.has(slotHex)) throw new Error(`${field}: slot ${slotHex} is given twice`);
    seen.add(slotHex);
    const word = stripLeadingZeros(parseStorageWord(value, `${field}[${key}]`));
    if (word.length === 0) continue; // SetState(slot, 0) leaves the slot out of the trie
    entries.push([slot, hexToBytes(toRlp(bytesToHex(word)))]);
  }
  return secureTrieRoot(entries);
}

function codeHashOf(code: string | undefined, cache: Map<string, Hex>, field: string): Hex {
  if (code === undefined || code === null) return EMPTY_CODE_HASH;
  let hash = cache.get(code);
  if (hash === undefined) {
    hash = keccak256(parseBytes(code, field));
    cache.set(code, hash);
  }
  return hash;
}

type AllocRoots = { stateRoot: Hex; storageRoots: Map<Address, Hex> };

function hashAlloc(alloc: OpGethGenesis['alloc']): AllocRoots {
  const storageRoots = new Map<Address, Hex>();
  const codeHashes = new Map<string, Hex>(); // OP genesis files repeat the same proxy code thousands of times
  const leaves: [Uint8Array, Uint8Array][] = [];
  for (const [key, account] of Object.entries(alloc)) {
    const address = normalizeAllocAddress(key);
    if (storageRoots.has(address)) throw new Error(`alloc: ${address} is given twice (keys differ only in case or 0x)`);
    if (account === null || typeof account !== 'object') throw new Error(`alloc[${key}]: not an account object`);
    if (account.balance === undefined || account.balance === null) {
      throw new Error(`alloc[${key}]: missing required field 'balance'`); // gencodec:"required" in types.Account
    }
    const balance = parseQuantity(account.balance, `alloc[${key}].balance`);
    const nonce = parseQuantity(account.nonce, `alloc[${key}].nonce`, UINT64_MAX);
    const codeHash = codeHashOf(account.code, codeHashes, `alloc[${key}].code`);
    const storageRoot = storageTrieRoot(account.storage, `alloc[${key}].storage`);
    storageRoots.set(address, storageRoot);
    const leaf = toRlp([uintHex(nonce), uintHex(balance), storageRoot, codeHash]);
    leaves.push([hexToBytes(address), hexToBytes(leaf)]);
  }
  return { stateRoot: secureTrieRoot(leaves), storageRoots };
}

/** The state root of a genesis alloc, as op-geth's hashAlloc computes it. */
export async function computeStateRoot(alloc: OpGethGenesis['alloc']): Promise<Hex> {
  return hashAlloc(alloc).stateRoot;
}

function configValue(config: GenesisChainConfig, name: string): bigint | undefined {
  const value = config[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint') {
    throw new Error(`config.${name}: ${JSON.stringify(value)} is not a number`);
  }
  return parseQuantity(value, `config.${name}`);
}

/** isBlockForked / isTimestampForked: a fork is active when scheduled at or before `head`. */
function forked(config: GenesisChainConfig, name: string, head: bigint): boolean {
  const at = configValue(config, name);
  return at !== undefined && at <= head;
}

/** The forks that shape the genesis header, judged as op-geth's ChainConfig.Is* methods do. */
export function genesisForks(config: GenesisChainConfig, number: bigint, timestamp: bigint): GenesisForks {
  const londonAtNumber = forked(config, 'londonBlock', number);
  const isOptimism = config.optimism !== undefined && config.optimism !== null;
  return {
    london: forked(config, 'londonBlock', 0n), // baseFee is keyed on London at block 0, not at `number`
    shanghai: londonAtNumber && forked(config, 'shanghaiTime', timestamp),
    cancun: londonAtNumber && forked(config, 'cancunTime', timestamp),
    prague: londonAtNumber && forked(config, 'pragueTime', timestamp),
    isthmus: isOptimism && forked(config, 'isthmusTime', timestamp),
  };
}

const hash32 = (value: string | undefined, field: string): Hex => bytesToHex(parseBytes(value, field, 32));

/** Builds the genesis header (Genesis.toBlockWithRoot) from the genesis and its state roots. */
export function buildGenesisHeader(genesis: OpGethGenesis, stateRoot: Hex, messagePasserStorageRoot: Hex | undefined): { header: GenesisHeader; forks: GenesisForks } {
  const config = genesis.config;
  if (config === null || config === undefined) {
    throw new Error('genesis has no chain configuration (config is null): op-geth cannot hash it; rebuild the config first');
  }
  if (config.enableVerkleAtGenesis === true) throw new Error('verkle genesis is not supported');
  const number = parseQuantity(genesis.number, 'number', UINT64_MAX);
  const timestamp = parseQuantity(genesis.timestamp, 'timestamp', UINT64_MAX);
  const forks = genesisForks(config, number, timestamp);
  if (forked(config, 'londonBlock', number) && forked(config, 'amsterdamTime', timestamp)) {
    throw new Error('Amsterdam at genesis adds header fields (slotNumber, …) that this code does not model');
  }

  const mixHash = hash32(genesis.mixHash, 'mixHash');
  let difficulty: bigint;
  if (genesis.difficulty === undefined || genesis.difficulty === null) {
    if (config.ethash === undefined || config.ethash === null) difficulty = 0n;
    else if (mixHash === ZERO_HASH) difficulty = GENESIS_DIFFICULTY;
    else difficulty = 0n; // a nil *big.Int, which RLP encodes like 0
  } else difficulty = parseQuantity(genesis.difficulty, 'difficulty');
  const gasLimit = parseQuantity(genesis.gasLimit, 'gasLimit', UINT64_MAX);

  const header: GenesisHeader = {
    parentHash: hash32(genesis.parentHash, 'parentHash'),
    sha3Uncles: EMPTY_UNCLE_HASH,
    miner: bytesToHex(parseBytes(genesis.coinbase, 'coinbase', 20)) as Address,
    stateRoot,
    transactionsRoot: EMPTY_ROOT_HASH,
    receiptsRoot: EMPTY_ROOT_HASH,
    logsBloom: ZERO_BLOOM,
    difficulty,
    number,
    gasLimit: gasLimit === 0n ? GENESIS_GAS_LIMIT : gasLimit,
    gasUsed: parseQuantity(genesis.gasUsed, 'gasUsed', UINT64_MAX),
    timestamp,
    extraData: bytesToHex(parseBytes(genesis.extraData, 'extraData')),
    mixHash,
    nonce: `0x${parseQuantity(genesis.nonce, 'nonce', UINT64_MAX).toString(16).padStart(16, '0')}`, // types.EncodeNonce: 8 bytes
  };
  if (forks.london) {
    const given = genesis.baseFeePerGas;
    header.baseFeePerGas = given === undefined || given === null ? INITIAL_BASE_FEE : parseQuantity(given, 'baseFeePerGas');
  }
  if (forks.shanghai) header.withdrawalsRoot = EMPTY_ROOT_HASH;
  const excessBlobGas = genesis.excessBlobGas === undefined || genesis.excessBlobGas === null ? undefined : parseQuantity(genesis.excessBlobGas, 'excessBlobGas', UINT64_MAX);
  if (forks.cancun) {
    header.blobGasUsed = parseQuantity(genesis.blobGasUsed, 'blobGasUsed', UINT64_MAX);
    header.excessBlobGas = excessBlobGas ?? 0n;
    header.parentBeaconBlockRoot = ZERO_HASH;
  } else if (excessBlobGas !== undefined) {
    header.excessBlobGas = excessBlobGas; // "Invalid genesis, unexpected ExcessBlobGas set before Cancun"
  }
  if (forks.prague) header.requestsHash = EMPTY_REQUESTS_HASH;
  if (forks.isthmus) header.withdrawalsRoot = messagePasserStorageRoot ?? EMPTY_ROOT_HASH;
  return { header, forks };
}

/** RLP-encodes a header in core/types.Header field order, trailing optional fields omitted. */
export function encodeGenesisHeader(header: GenesisHeader): Hex {
  const fields: Hex[] = [
    header.parentHash,
    header.sha3Uncles,
    header.miner,
    header.stateRoot,
    header.transactionsRoot,
    header.receiptsRoot,
    header.logsBloom,
    uintHex(header.difficulty),
    uintHex(header.number),
    uintHex(header.gasLimit),
    uintHex(header.gasUsed),
    uintHex(header.timestamp),
    header.extraData,
    header.mixHash,
    header.nonce,
  ];
  const optional: (Hex | undefined)[] = [
    header.baseFeePerGas === undefined ? undefined : uintHex(header.baseFeePerGas),
    header.withdrawalsRoot,
    header.blobGasUsed === undefined ? undefined : uintHex(header.blobGasUsed),
    header.excessBlobGas === undefined ? undefined : uintHex(header.excessBlobGas),
    header.parentBeaconBlockRoot,
    header.requestsHash,
  ];
  let last = optional.length - 1;
  while (last >= 0 && optional[last] === undefined) last--;
  for (let i = 0; i <= last; i++) fields.push(optional[i] ?? '0x'); // a nil pointer encodes as ""
  return toRlp(fields);
}

/** The genesis block hash and state root op-geth computes for `genesis` (its config must be set). */
export async function computeGenesisHash(genesis: OpGethGenesis | GenesisWithStateHash): Promise<GenesisHashResult> {
  const config = genesis.config;
  if (config === null || config === undefined) {
    throw new Error('genesis has no chain configuration (config is null): op-geth cannot hash it; rebuild the config first');
  }
  const alloc = genesis.alloc ?? {};
  const stateHash = 'stateHash' in genesis ? genesis.stateHash : undefined;
  let stateRoot: Hex;
  let messagePasser: Hex | undefined;
  if (stateHash !== undefined && stateHash !== null) {
    if (Object.keys(alloc).length > 0) throw new Error(`genesis has both a stateHash (${stateHash}) and a non-empty alloc`);
    stateRoot = hash32(stateHash, 'stateHash');
  } else {
    const roots = hashAlloc(alloc);
    stateRoot = roots.stateRoot;
    messagePasser = roots.storageRoots.get(L2_TO_L1_MESSAGE_PASSER);
  }
  const { header, forks } = buildGenesisHeader(genesis, stateRoot, messagePasser);
  if (forks.isthmus && stateHash !== undefined && stateHash !== null) throw new Error('stateHash is not allowed with Isthmus active at genesis');
  const headerRlp = encodeGenesisHeader(header);
  return { hash: keccak256(headerRlp), stateRoot, header, headerRlp, forks };
}
