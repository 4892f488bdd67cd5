export { type Anvil, AnvilStartError, freePort, startAnvil, type StartAnvilParameters } from './anvil.ts';
export { localChain } from './local-chain.ts';
export { DEV_MNEMONIC, type DevAccount, devAccounts } from './devnet/dev-accounts.ts';
export { DEVNET_L3_CHAIN_ID, DEVNET_L3_PORT, type Devnet, startDevnet, type StartDevnetParameters } from './devnet/start-devnet.ts';
