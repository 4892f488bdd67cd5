// @cr8/contracts: the ABIs of the CR8 contracts (generated from the forge build by @wagmi/cli into
// ./generated.ts; regenerate with `make abi`) and the deployment entry point.
export * from './generated.ts';
export { deployContracts, DeployError, type CR8Deployment, type DeployContractsParameters } from './deploy.ts';
export { contractsDir, foundryBinary, FoundryRunError, repoRoot, runFoundry, type FoundryTool } from './toolchain.ts';
