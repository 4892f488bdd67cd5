// viem chain definitions for the CR8 L3 and its parent. The L3 uses viem's OP Stack chain config
// (deposit-transaction formatters and serializers) and names its parent-side contracts, so viem's OP
// Stack actions (getWithdrawalStatus, buildProveWithdrawal, proveWithdrawal, finalizeWithdrawal...) find
// them as they would for OP Mainnet or Base.
//
// Only the devnet exists today; testnet and mainnet definitions get added here with their real chain
// ids and parent deployments when those chains are deployed (ops/README.md).
import { type Address, type Chain, defineChain } from 'viem';
import { chainConfig } from 'viem/op-stack';

export const DEVNET_PARENT_CHAIN_ID = 888_001;
export const DEVNET_L3_CHAIN_ID = 888_008;
export const DEVNET_PARENT_PORT = 8545;
export const DEVNET_L3_PORT = 9545;

export type ParentContracts = { portal: Address; l2OutputOracle: Address };

export function cr8ParentChain(parameters: { id?: number; rpcUrl: string; name?: string }): Chain {
  return defineChain({
    id: parameters.id ?? DEVNET_PARENT_CHAIN_ID,
    name: parameters.name ?? 'CR8 devnet parent (L2)',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [parameters.rpcUrl] } },
  });
}

export function cr8L3Chain(parameters: {
  id?: number;
  rpcUrl: string;
  parentChainId?: number;
  parentContracts: ParentContracts;
  name?: string;
}) {
  const sourceId = parameters.parentChainId ?? DEVNET_PARENT_CHAIN_ID;
  return defineChain({
    ...chainConfig,
    id: parameters.id ?? DEVNET_L3_CHAIN_ID,
    name: parameters.name ?? 'CR8 devnet',
    nativeCurrency: { name: 'CR8', symbol: 'CR8', decimals: 18 },
    rpcUrls: { default: { http: [parameters.rpcUrl] } },
    sourceId,
    contracts: {
      ...chainConfig.contracts,
      portal: { [sourceId]: { address: parameters.parentContracts.portal } },
      l2OutputOracle: { [sourceId]: { address: parameters.parentContracts.l2OutputOracle } },
    },
  });
}
