// What every bridge operation needs: the parent and L3 clients (viem, with the L3 defined as an OP
// Stack chain whose parent-side portal and oracle are known) and the bridge's contract addresses.
import { cr8L3Chain, cr8ParentChain, type DevnetInfo } from '@cr8/chain';
import { predeployAddress } from '@cr8/predeploys/addresses';
import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';

export type BridgeContext = {
  parent: PublicClient<Transport, Chain>;
  parentWallet: WalletClient<Transport, Chain, Account>;
  l3: PublicClient<Transport, Chain>;
  l3Wallet: WalletClient<Transport, Chain, Account>;
  l3Chain: ReturnType<typeof cr8L3Chain>;
  contracts: { token: Address; parentBridge: Address; l3Bridge: Address; portal: Address; oracle: Address };
  account: Account;
};

/** A bridge context for a devnet described by its devnet.json, acting as `account`. */
export function devnetBridgeContext(info: DevnetInfo, account: Account): BridgeContext {
  const parentChain = cr8ParentChain({ id: info.parent.chainId, rpcUrl: info.parent.rpcUrl });
  const l3Chain = cr8L3Chain({
    id: info.l3.chainId,
    rpcUrl: info.l3.rpcUrl,
    parentChainId: info.parent.chainId,
    parentContracts: { portal: info.parentDeployment.OptimismPortal, l2OutputOracle: info.parentDeployment.L2OutputOracle },
  });
  const pollingInterval = 100;
  return {
    parent: createPublicClient({
      chain: parentChain,
      transport: http(info.parent.rpcUrl),
      pollingInterval,
      // viem's OP Stack actions batch reads through multicall; the devnet parent has no Multicall3.
      batch: { multicall: { deployless: true } },
    }) as PublicClient<Transport, Chain>,
    parentWallet: createWalletClient({ account, chain: parentChain, transport: http(info.parent.rpcUrl), pollingInterval }),
    // The L3 chain's OP Stack formatters (deposit transactions) make its client type differ from a plain
    // chain's; the bridge only uses the common surface.
    l3: createPublicClient({ chain: l3Chain, transport: http(info.l3.rpcUrl), pollingInterval }) as unknown as PublicClient<Transport, Chain>,
    l3Wallet: createWalletClient({ account, chain: l3Chain, transport: http(info.l3.rpcUrl), pollingInterval }),
    l3Chain,
    contracts: {
      token: info.parentDeployment.CR8Token,
      parentBridge: info.parentDeployment.CR8ParentBridge,
      l3Bridge: predeployAddress.CR8L3Bridge,
      portal: info.parentDeployment.OptimismPortal,
      oracle: info.parentDeployment.L2OutputOracle,
    },
    account,
  };
}
