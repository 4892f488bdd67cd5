// What registration needs from the CR8 L3: the AgentRegistry, a client to read it, and optionally a
// relayer account that submits `registerAgentFor` with the creator's signature (paying gas and fee).
import { predeployAddress } from '@cr8/predeploys/addresses';
import { type Account, type Chain, createPublicClient, createWalletClient, type Hex, http, type PublicClient, type Transport, type WalletClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export type RegistrationChain = {
  chainId: number;
  registry: `0x${string}`;
  publicClient: PublicClient;
  /** Absent when no relayer key is configured: then only wallet-sent registrations are offered. */
  relayer?: WalletClient<Transport, Chain, Account>;
};

export function createRegistrationChain(parameters: { rpcUrl: string; chainId: number; relayerPrivateKey?: Hex; registry?: `0x${string}` }): RegistrationChain {
  const chain = {
    id: parameters.chainId,
    name: 'CR8 L3',
    nativeCurrency: { name: 'CR8', symbol: 'CR8', decimals: 18 },
    rpcUrls: { default: { http: [parameters.rpcUrl] } },
  } as const satisfies Chain;
  const transport = http(parameters.rpcUrl, { timeout: 10_000, retryCount: 1 });
  return {
    chainId: parameters.chainId,
    registry: parameters.registry ?? predeployAddress.AgentRegistry,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 250 }) as PublicClient,
    ...(parameters.relayerPrivateKey ? { relayer: createWalletClient({ chain, transport, account: privateKeyToAccount(parameters.relayerPrivateKey) }) } : {}),
  };
}
