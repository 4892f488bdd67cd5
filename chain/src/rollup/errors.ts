// Every way `cr8 rollup` (and its builder) refuses its input, with a machine-readable code and the path
// of the offending field, so a script can tell a typo in the deployment file from a missing option.
export type RollupConfigErrorCode =
  /** A file could not be read. */
  | 'UNREADABLE_FILE'
  /** A file is not JSON. */
  | 'INVALID_JSON'
  /** The deployment file is neither an `op-deployer inspect l1` output nor a CR8 devnet deployment. */
  | 'UNKNOWN_SHAPE'
  /** A required field is absent. */
  | 'MISSING_FIELD'
  /** A field that must be an address is not one (or is the zero address where one is required). */
  | 'INVALID_ADDRESS'
  /** A field has the wrong type or an impossible value. */
  | 'INVALID_FIELD'
  /** `--l1-block` or the deployment's l1Genesis is not `<32-byte hash>:<number>`. */
  | 'INVALID_L1_BLOCK'
  /** Neither the deployment file nor `--l1-block` names the parent block the rollup starts after. */
  | 'MISSING_L1_BLOCK'
  /** Neither the deployment file nor `--batcher` names the batcher address. */
  | 'MISSING_BATCHER'
  /** The L2 genesis hash is not a 32-byte hash, or cannot be computed. */
  | 'INVALID_GENESIS_HASH'
  /** genesis params, genesis.json and the deployment disagree about a chain id or the genesis time. */
  | 'CHAIN_MISMATCH'
  /** A fork is scheduled before an earlier fork, or after an unscheduled one. */
  | 'INVALID_FORK_SCHEDULE'
  /** The L2 genesis is older than the parent block it starts after: block 1 could never be built. */
  | 'L2_GENESIS_BEFORE_L1_ORIGIN';

export class RollupConfigError extends Error {
  override name = 'RollupConfigError';
  readonly code: RollupConfigErrorCode;
  /** The offending field, e.g. `opChainDeployment.optimismPortalProxyAddress`, `l1Genesis.hash`, `--batcher`. */
  readonly path: string | undefined;
  constructor(code: RollupConfigErrorCode, message: string, options?: ErrorOptions & { path?: string }) {
    super(message, options);
    this.code = code;
    this.path = options?.path;
  }
}
