// rollup.json for the CR8 L3: the builder, the parent-deployment reader and the `cr8 rollup` command.
export { type GenesisFile, genesisTimestamp, loadGenesisHasher, type RollupCommandOptions, rollupCommand, runRollup } from './command.ts';
export { RollupConfigError, type RollupConfigErrorCode } from './errors.ts';
export {
  detectDeploymentFormat,
  type L1BlockRef,
  type ParentDeployment,
  type ParentDeploymentFormat,
  parseL1Block,
  parseParentDeployment,
  readParentDeployment,
} from './parent-deployment.ts';
export {
  type BuildRollupConfigInput,
  buildRollupConfig,
  checkForkSchedule,
  checkGenesisForks,
  deriveBatchInboxAddress,
  type EcotoneFeeScalars,
  encodeEcotoneScalar,
  encodeEip1559Params,
  encodeOperatorFeeParams,
  forkActivationTime,
  L3_DEFAULTS,
  orderRollupConfig,
  parseRollupParams,
  type RollupConfig,
  type RollupFork,
  type RollupParams,
  ROLLUP_FORKS,
  readRollupParams,
  rollupParamsSchema,
  serializeRollupConfig,
} from './rollup-config.ts';
