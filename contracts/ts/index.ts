// @cr8/contracts: the ABIs of the CR8 contracts (generated from the forge build by @wagmi/cli into
// ./generated.ts; regenerate with `make abi`), the deployment entry point, and the EIP-712 typed data of a
// relayed agent registration (AgentRegistry.registerAgentFor).
export * from './generated.ts';
export { deployContracts, DeployError, type CR8Deployment, type DeployContractsParameters } from './deploy.ts';
export {
  type AgentRegistration,
  agentRegistryDomainName,
  agentRegistryDomainVersion,
  registerAgentEncodedType,
  registerAgentPrimaryType,
  registerAgentTypedData,
  type RegisterAgentTypedDataParameters,
  type RegisterAgentTypedDataReturnType,
  registerAgentTypes,
} from './register-agent-authorization.ts';
export { contractsDir, foundryBinary, FoundryRunError, repoRoot, runFoundry, type FoundryTool } from './toolchain.ts';
