// The parent-chain deployment `cr8 rollup --deployment <file>` reads: where the rollup's contracts live on
// the parent chain (an L2 such as Base, or the devnet's anvil parent). Two producers, three shapes:
//
//  - `op-deployer inspect l1 --workdir <dir> <chainId>` (op-deployer/pkg/deployer/inspect/l1.go):
//      current releases print `addresses.L1Contracts` (op-chain-ops/addresses/contracts.go), whose
//      embedded structs Go's encoder flattens into ONE object keyed by field name:
//        { "SuperchainConfigProxy", "ProtocolVersionsProxy", "OpcmImpl", ..., "OptimismPortalProxy",
//          "SystemConfigProxy", "DisputeGameFactoryProxy", "L2OutputOracleProxy", ... }
//      early releases (2024) printed three sections with `...Address` keys:
//        { "superchainDeployment": { "protocolVersionsProxyAddress", ... },
//          "opChainDeployment": { "optimismPortalProxyAddress", "systemConfigProxyAddress",
//                                 "disputeGameFactoryProxyAddress", ... },
//          "implementationsDeployment": { ... } }
//      Neither names the parent block the rollup starts after (that lives in op-deployer's state.json
//      as the chain's startBlock): pass it with `--l1-block <hash>:<number>`.
//  - CR8's devnet parent deployment, written by `cr8 dev` (.cr8/devnet/parent-deployment.json):
//        { "chainId", "OptimismPortal", "L2OutputOracle", "CR8Token", "CR8ParentBridge",
//          "SystemConfig"?, "BatchInbox"?, "Batcher"?, "l1Genesis": { "hash", "number", "timestamp" } }
//      with checksummed addresses.
import { readFile } from 'node:fs/promises';
import { type Address, type Hex, getAddress, isAddress, zeroAddress } from 'viem';
import { z } from 'zod';
import { RollupConfigError, type RollupConfigErrorCode } from './errors.ts';

/** A parent-chain block: the L1 side of rollup.json's genesis. */
export type L1BlockRef = { hash: Hex; number: number; timestamp?: number };

export type ParentDeploymentFormat =
  /** `op-deployer inspect l1`, current flat `addresses.L1Contracts` output. */
  | 'op-deployer'
  /** `op-deployer inspect l1`, the 2024 output with superchain/opChain/implementations sections. */
  | 'op-deployer-sections'
  /** The file `cr8 dev` writes for its parent chain. */
  | 'cr8-devnet';

/** What `cr8 rollup` needs from a parent deployment, whatever shape it came in. */
export type ParentDeployment = {
  format: ParentDeploymentFormat;
  /** The parent chain id, when the file states it (only the devnet shape does). */
  chainId: number | undefined;
  /** The OptimismPortal (proxy): rollup.json's deposit_contract_address. */
  optimismPortal: Address;
  /** The SystemConfig (proxy): rollup.json's l1_system_config_address. The devnet parent has none. */
  systemConfig: Address | undefined;
  /** The batch inbox, when the file states it (op-deployer derives it from the chain id instead). */
  batchInbox: Address | undefined;
  /** The ProtocolVersions (proxy), when deployed. */
  protocolVersions: Address | undefined;
  /** Output proposals go to a DisputeGameFactory (op-deployer) ... */
  disputeGameFactory: Address | undefined;
  /** ... or to a legacy L2OutputOracle (the devnet, pre-fault-proof deployments). */
  l2OutputOracle: Address | undefined;
  /** The batcher (batch sender), when the file states it. */
  batcher: Address | undefined;
  /** CR8's own parent contracts, when the file states them (devnet shape). */
  cr8: { token: Address; parentBridge: Address } | undefined;
  /** The parent block the rollup starts after, when the file states it (devnet shape). */
  l1Genesis: L1BlockRef | undefined;
};

const ADDRESS_ISSUE = 'address';

/** An address field: 20 bytes of hex, checksummed when mixed-case (lower-case, as Go prints, is fine). */
function address(options: { allowZero: boolean }) {
  return z.string().transform((value, context) => {
    if (!isAddress(value)) {
      context.addIssue({
        code: 'custom',
        message: `must be a 20-byte hex address with a valid checksum, got ${JSON.stringify(value)}`,
        params: { kind: ADDRESS_ISSUE },
      });
      return z.NEVER;
    }
    if (!options.allowZero && value.toLowerCase() === zeroAddress) {
      context.addIssue({ code: 'custom', message: 'must not be the zero address', params: { kind: ADDRESS_ISSUE } });
      return z.NEVER;
    }
    return getAddress(value);
  });
}
const requiredAddress = address({ allowZero: false });
/** Optional, and the zero address means "not deployed" (op-deployer prints zero for absent contracts). */
const optionalAddress = address({ allowZero: true })
  .optional()
  .transform((value) => (value === undefined || value === zeroAddress ? undefined : value));

const blockHash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 32-byte 0x-prefixed hex hash');
const blockNumber = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const opDeployerFlatSchema = z.looseObject({
  OptimismPortalProxy: requiredAddress,
  SystemConfigProxy: requiredAddress,
  ProtocolVersionsProxy: optionalAddress,
  DisputeGameFactoryProxy: optionalAddress,
  L2OutputOracleProxy: optionalAddress,
});

const opDeployerSectionsSchema = z.looseObject({
  superchainDeployment: z.looseObject({ protocolVersionsProxyAddress: optionalAddress }).optional(),
  opChainDeployment: z.looseObject({
    optimismPortalProxyAddress: requiredAddress,
    systemConfigProxyAddress: requiredAddress,
    disputeGameFactoryProxyAddress: optionalAddress,
  }),
  implementationsDeployment: z.looseObject({}).optional(),
});

const cr8DevnetSchema = z.looseObject({
  chainId: z.number().int().positive(),
  OptimismPortal: requiredAddress,
  L2OutputOracle: requiredAddress,
  CR8Token: requiredAddress,
  CR8ParentBridge: requiredAddress,
  SystemConfig: optionalAddress,
  BatchInbox: optionalAddress,
  Batcher: optionalAddress,
  l1Genesis: z.object({ hash: blockHash, number: blockNumber, timestamp: blockNumber }),
});

/** Which of the known shapes `json` is, judged by its keys; undefined when none. */
export function detectDeploymentFormat(json: unknown): ParentDeploymentFormat | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const keys = new Set(Object.keys(json));
  if (keys.has('opChainDeployment') || keys.has('superchainDeployment') || keys.has('implementationsDeployment'))
    return 'op-deployer-sections';
  if (keys.has('OptimismPortalProxy') || keys.has('SystemConfigProxy')) return 'op-deployer';
  if (keys.has('OptimismPortal') || keys.has('CR8ParentBridge') || keys.has('l1Genesis')) return 'cr8-devnet';
  return undefined;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function toError(json: unknown, issues: readonly z.core.$ZodIssue[], source: string, format: ParentDeploymentFormat): RollupConfigError {
  const described = issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    let code: RollupConfigErrorCode = 'INVALID_FIELD';
    let message = issue.message;
    if (valueAt(json, issue.path) === undefined) {
      code = 'MISSING_FIELD';
      message = 'is required';
    } else if (issue.code === 'custom' && (issue.params as { kind?: string } | undefined)?.kind === ADDRESS_ISSUE) {
      code = 'INVALID_ADDRESS';
    }
    return { code, path, message };
  });
  const first = described[0]!;
  const lines = described.map((d) => `  ${d.path}: ${d.message}`).join('\n');
  return new RollupConfigError(first.code, `${source} (${format} deployment) is invalid:\n${lines}`, { path: first.path });
}

/** Validates a parsed deployment file of any known shape and normalizes it. */
export function parseParentDeployment(json: unknown, source = 'the deployment file'): ParentDeployment {
  const format = detectDeploymentFormat(json);
  if (format === undefined) {
    const keys = json !== null && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json).slice(0, 8) : [];
    throw new RollupConfigError(
      'UNKNOWN_SHAPE',
      `${source} is neither \`op-deployer inspect l1\` output (OptimismPortalProxy, SystemConfigProxy, ... or ` +
        'opChainDeployment/superchainDeployment sections) nor a CR8 devnet parent deployment (OptimismPortal, ' +
        `L2OutputOracle, CR8Token, CR8ParentBridge, l1Genesis); ${keys.length ? `its keys: ${keys.join(', ')}` : 'it is not a JSON object'}`,
      { path: '(root)' },
    );
  }
  if (format === 'op-deployer') {
    const result = opDeployerFlatSchema.safeParse(json);
    if (!result.success) throw toError(json, result.error.issues, source, format);
    const d = result.data;
    return {
      format,
      chainId: undefined,
      optimismPortal: d.OptimismPortalProxy,
      systemConfig: d.SystemConfigProxy,
      batchInbox: undefined,
      protocolVersions: d.ProtocolVersionsProxy,
      disputeGameFactory: d.DisputeGameFactoryProxy,
      l2OutputOracle: d.L2OutputOracleProxy,
      batcher: undefined,
      cr8: undefined,
      l1Genesis: undefined,
    };
  }
  if (format === 'op-deployer-sections') {
    const result = opDeployerSectionsSchema.safeParse(json);
    if (!result.success) throw toError(json, result.error.issues, source, format);
    const d = result.data;
    return {
      format,
      chainId: undefined,
      optimismPortal: d.opChainDeployment.optimismPortalProxyAddress,
      systemConfig: d.opChainDeployment.systemConfigProxyAddress,
      batchInbox: undefined,
      protocolVersions: d.superchainDeployment?.protocolVersionsProxyAddress,
      disputeGameFactory: d.opChainDeployment.disputeGameFactoryProxyAddress,
      l2OutputOracle: undefined,
      batcher: undefined,
      cr8: undefined,
      l1Genesis: undefined,
    };
  }
  const result = cr8DevnetSchema.safeParse(json);
  if (!result.success) throw toError(json, result.error.issues, source, format);
  const d = result.data;
  return {
    format,
    chainId: d.chainId,
    optimismPortal: d.OptimismPortal,
    systemConfig: d.SystemConfig,
    batchInbox: d.BatchInbox,
    protocolVersions: undefined,
    disputeGameFactory: undefined,
    l2OutputOracle: d.L2OutputOracle,
    batcher: d.Batcher,
    cr8: { token: d.CR8Token, parentBridge: d.CR8ParentBridge },
    l1Genesis: { hash: d.l1Genesis.hash.toLowerCase() as Hex, number: d.l1Genesis.number, timestamp: d.l1Genesis.timestamp },
  };
}

/** Reads and validates a deployment file (see the top of this file for the accepted shapes). */
export async function readParentDeployment(path: string): Promise<ParentDeployment> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RollupConfigError('UNREADABLE_FILE', `cannot read the deployment file ${path}: ${(cause as Error).message}`, { cause, path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new RollupConfigError('INVALID_JSON', `the deployment file ${path} is not JSON: ${(cause as Error).message}`, { cause, path });
  }
  return parseParentDeployment(json, path);
}

/**
 * Parses `--l1-block <hash>:<number>[:<timestamp>]` (numbers in decimal or 0x-hex, as op-deployer's
 * state.json prints them). With the timestamp, `cr8 rollup` can check the L2 genesis is not older.
 */
export function parseL1Block(text: string, path = '--l1-block'): L1BlockRef {
  const match = /^(0x[0-9a-fA-F]{64}):(0x[0-9a-fA-F]+|[0-9]+)(?::(0x[0-9a-fA-F]+|[0-9]+))?$/.exec(text.trim());
  if (!match)
    throw new RollupConfigError(
      'INVALID_L1_BLOCK',
      `${path} must be <32-byte 0x hash>:<block number>[:<timestamp>], got ${JSON.stringify(text)}`,
      { path },
    );
  const number = Number(BigInt(match[2]!));
  const timestamp = match[3] === undefined ? undefined : Number(BigInt(match[3]));
  if (!Number.isSafeInteger(number) || (timestamp !== undefined && !Number.isSafeInteger(timestamp)))
    throw new RollupConfigError('INVALID_L1_BLOCK', `${path}: ${JSON.stringify(text)} has a number too large`, { path });
  return { hash: match[1]!.toLowerCase() as Hex, number, ...(timestamp !== undefined ? { timestamp } : {}) };
}
