export { type Anvil, AnvilStartError, freePort, startAnvil, type StartAnvilParameters } from './anvil.ts';
export { localChain } from './local-chain.ts';
export {
  cr8L3Chain,
  cr8ParentChain,
  DEVNET_L3_CHAIN_ID,
  DEVNET_L3_PORT,
  DEVNET_PARENT_CHAIN_ID,
  DEVNET_PARENT_PORT,
  type ParentContracts,
} from './chains.ts';
export { DEV_MNEMONIC, type DevAccount, devAccounts } from './devnet/dev-accounts.ts';
export {
  DEFAULT_GENESIS_FILE,
  DEFAULT_STATE_DIR,
  type Devnet,
  DevnetError,
  type DevnetInfo,
  readDevnetInfo,
  startDevnet,
  type StartDevnetParameters,
} from './devnet/start-devnet.ts';
export { type ParentDeployment, devnetParentAddresses, CR8_SUPPLY_CAP, DEV_PARENT_CR8 } from './devnet/parent-contracts.ts';
export { startDepositRelayer, depositTransactionFor, type DepositRelayer } from './relayer/deposit-relayer.ts';
export { startDevProposer, type DevProposer } from './proposer/dev-proposer.ts';
export { outputRoot, outputRootProofAt, type OutputRootProof } from './proposer/output-root.ts';
