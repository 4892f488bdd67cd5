// Which contracts the indexer records and with which ABI: the CR8 predeploys of the L3 (0xC800…0001-0008,
// the CR8 bridge included, and the execution-settlement and reputation contracts at 0xC800…0010-0013) and every agent
// token the AgentRegistry creates.
//
// Each address is decoded with its own contract's ABI rather than one ABI merged over all of them:
// the registry's ERC-721 `Transfer(address,address,uint256)` and an agent token's ERC-20 `Transfer`
// share a topic0 and differ only in which arguments are indexed, so a merged ABI would decode one of
// them wrongly. A proxied predeploy also emits its proxy's events (Upgraded, AdminChanged).
import {
  agentMarketAbi,
  agentRegistryAbi,
  agentReputationAbi,
  agentTokenAbi,
  agentTokenFactoryAbi,
  cr8L3BridgeAbi,
  cr8StakingAbi,
  creditVaultAbi,
  executionReceiptsAbi,
  feeDistributorAbi,
  kycRegistryAbi,
  orchestratorRegistryAbi,
  predeployProxyAbi,
} from '@cr8/contracts';
import { predeploys } from '@cr8/predeploys/addresses';
import { type Abi, type AbiEvent, type Address, type Hex, toEventSelector } from 'viem';

type Cr8PredeployName = Extract<(typeof predeploys)[number], { group: 'cr8' }>['name'];

const PREDEPLOY_ABIS: Record<Cr8PredeployName, Abi> = {
  AgentRegistry: agentRegistryAbi,
  AgentTokenFactory: agentTokenFactoryAbi,
  AgentMarket: agentMarketAbi,
  FeeDistributor: feeDistributorAbi,
  CR8Staking: cr8StakingAbi,
  KycRegistry: kycRegistryAbi,
  CR8L3Bridge: cr8L3BridgeAbi,
  // The template the factory clones; it holds no agent's state, but it is a CR8 contract like the rest.
  AgentTokenImplementation: agentTokenAbi,
  CreditVault: creditVaultAbi,
  ExecutionReceipts: executionReceiptsAbi,
  OrchestratorRegistry: orchestratorRegistryAbi,
  AgentReputation: agentReputationAbi,
};

export type Cr8Contract = {
  /** Lower-case, as stored. */
  address: Address;
  name: string;
  /** Events by topic0 (a list: two events may share a selector with different indexed arguments). */
  events: ReadonlyMap<Hex, readonly AbiEvent[]>;
};

function eventsBySelector(abis: readonly Abi[]): ReadonlyMap<Hex, readonly AbiEvent[]> {
  const bySelector = new Map<Hex, AbiEvent[]>();
  const seen = new Set<string>();
  for (const abi of abis) {
    for (const item of abi) {
      if (item.type !== 'event' || item.anonymous) continue;
      const selector = toEventSelector(item);
      const key = `${selector}/${item.inputs.map((input) => `${input.type}${input.indexed ? '!' : ''}`).join(',')}`;
      if (seen.has(key)) continue; // the proxy ABI lists AdminChanged twice (interface and implementation)
      seen.add(key);
      bySelector.set(selector, [...(bySelector.get(selector) ?? []), item]);
    }
  }
  return bySelector;
}

export const CR8_PREDEPLOYS: readonly Cr8Contract[] = predeploys
  .filter((predeploy): predeploy is Extract<(typeof predeploys)[number], { group: 'cr8' }> => predeploy.group === 'cr8')
  .map((predeploy) => ({
    address: predeploy.address.toLowerCase() as Address,
    name: predeploy.name,
    events: eventsBySelector(predeploy.proxied ? [PREDEPLOY_ABIS[predeploy.name], predeployProxyAbi] : [PREDEPLOY_ABIS[predeploy.name]]),
  }));

export const AGENT_REGISTRY_ADDRESS = CR8_PREDEPLOYS.find((contract) => contract.name === 'AgentRegistry')!.address;

/** The topic0 of `AgentRegistered(uint256 indexed agentId, address indexed creator, address indexed token, ...)`. */
export const AGENT_REGISTERED_TOPIC = toEventSelector(agentRegistryAbi.find((item) => item.type === 'event' && item.name === 'AgentRegistered')!);

const AGENT_TOKEN_EVENTS = eventsBySelector([agentTokenAbi]);

/** The description of one agent token (all share the AgentToken ABI). */
export function agentTokenContract(address: Address): Cr8Contract {
  return { address: address.toLowerCase() as Address, name: 'AgentToken', events: AGENT_TOKEN_EVENTS };
}
