export * from './addresses.ts';
export { buildGenesis, chainConfig, genesisJson, GenesisBuildError } from './genesis/build-genesis.ts';
export { injectPredeploys, GenesisInjectError } from './genesis/inject-genesis.ts';
export type { OpGethGenesis, GenesisAccount } from './genesis-format.ts';
