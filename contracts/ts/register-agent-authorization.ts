// The EIP-712 authorization a creator signs so that a relayer (the CR8 API) can register an agent for them
// with AgentRegistry.registerAgentFor, paying the gas and the registration fee. The types mirror the
// NatSpec of IAgentRegistry.registerAgentFor; the typed data goes straight into viem's signTypedData,
// verifyTypedData and hashTypedData.
import type { Address, ContractFunctionArgs, TypedDataDefinition } from 'viem';
import type { agentRegistryAbi } from './generated.ts';

/** The registry's EIP-712 domain name and version (`AgentRegistry.eip712Domain()`). */
export const agentRegistryDomainName = 'ERC8004IdentityRegistry';
export const agentRegistryDomainVersion = '1';

/** The EIP-712 types of a relayed registration, `RegisterAgent` and the structs it references. */
export const registerAgentTypes = {
  RegisterAgent: [
    { name: 'registration', type: 'AgentRegistration' },
    { name: 'creator', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  AgentRegistration: [
    { name: 'agentURI', type: 'string' },
    { name: 'metadataHash', type: 'bytes32' },
    { name: 'tokenName', type: 'string' },
    { name: 'tokenSymbol', type: 'string' },
    { name: 'tokenSupply', type: 'uint96' },
    { name: 'creatorShareBps', type: 'uint16' },
    { name: 'feePerExecution', type: 'uint96' },
    { name: 'gpuMultiplierBps', type: 'uint32' },
    { name: 'metadata', type: 'MetadataEntry[]' },
  ],
  MetadataEntry: [
    { name: 'metadataKey', type: 'string' },
    { name: 'metadataValue', type: 'bytes' },
  ],
} as const;

export const registerAgentPrimaryType = 'RegisterAgent';

/** `RegisterAgent`'s EIP-712 encoded type (its typehash is the keccak256 of this string), for code that
 *  does not use viem. */
export const registerAgentEncodedType =
  'RegisterAgent(AgentRegistration registration,address creator,uint256 nonce,uint256 deadline)' +
  'AgentRegistration(string agentURI,bytes32 metadataHash,string tokenName,string tokenSymbol,' +
  'uint96 tokenSupply,uint16 creatorShareBps,uint96 feePerExecution,uint32 gpuMultiplierBps,' +
  'MetadataEntry[] metadata)MetadataEntry(string metadataKey,bytes metadataValue)';

/** The `registration` argument of `registerAgent` / `registerAgentFor`, as the generated ABI types it. */
export type AgentRegistration = ContractFunctionArgs<typeof agentRegistryAbi, 'payable', 'registerAgentFor'>[0];

export type RegisterAgentTypedDataParameters = {
  /** The AgentRegistry (the proxy's address: the predeploy, or a deployment's `AgentRegistry`). */
  registry: Address;
  chainId: number;
  /** The registration exactly as it will be passed to `registerAgentFor`. */
  registration: AgentRegistration;
  /** The signer, who becomes the agent's creator and owner. */
  creator: Address;
  /** `registrationNonce(creator)` when the relayed call will run. */
  nonce: bigint;
  /** The last block timestamp (seconds) at which the signature is accepted. */
  deadline: bigint;
};

export type RegisterAgentTypedDataReturnType = TypedDataDefinition<
  typeof registerAgentTypes,
  typeof registerAgentPrimaryType
>;

/** The typed data a creator signs to authorize `registerAgentFor(registration, creator, deadline, signature)`. */
export function registerAgentTypedData(parameters: RegisterAgentTypedDataParameters): RegisterAgentTypedDataReturnType {
  const { registry, chainId, registration, creator, nonce, deadline } = parameters;
  return {
    domain: {
      name: agentRegistryDomainName,
      version: agentRegistryDomainVersion,
      chainId,
      verifyingContract: registry,
    },
    types: registerAgentTypes,
    primaryType: registerAgentPrimaryType,
    message: { registration, creator, nonce, deadline },
  };
}
