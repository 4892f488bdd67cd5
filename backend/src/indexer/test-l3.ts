// Test and benchmark support: a CR8 L3 on anvil started from the repository's genesis.json (every CR8
// module a predeploy at its real address), with the actions that make CR8 contracts emit events, and an
// independent account of what the chain holds to compare the database with.
import { type Anvil, DEFAULT_GENESIS_FILE, devAccounts, type DevAccount, localChain, startAnvil } from '@cr8/chain';
import { agentRegistryAbi, agentTokenAbi } from '@cr8/contracts';
import { predeployAddress, predeploys } from '@cr8/predeploys/addresses';
import { type Address, type Client, createPublicClient, createWalletClient, type Hex, http, parseEventLogs, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { RawLog } from './decode-log.ts';
import { createRpcClient } from './create-rpc-client.ts';

export const CARD_URI = 'ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea';

export type RegisteredAgent = { agentId: bigint; token: Address; blockNumber: bigint; transactionHash: Hex };

export type TestL3 = {
  anvil: Anvil;
  rpcUrl: string;
  chainId: number;
  /** The client the indexer uses (batched HTTP, raw answers). */
  client: Client;
  publicClient: PublicClient;
  accounts: DevAccount[];
  /** A raw JSON-RPC call (anvil_reorg, evm_snapshot...). */
  rpc: <Result = unknown>(method: string, params?: unknown[]) => Promise<Result>;
  /** Registers an agent from dev account `creator` (its token: 1e9 supply, 10% to the creator). */
  registerAgent: (creator: number) => Promise<RegisteredAgent>;
  /** Sends `amount` of an agent token from dev account `from` to `to` and waits for the receipt. */
  transferToken: (token: Address, from: number, to: Address, amount: bigint) => Promise<{ blockNumber: bigint }>;
  stop: () => Promise<void>;
};

export async function startTestL3(parameters: { disableBlockGasLimit?: boolean } = {}): Promise<TestL3> {
  const anvil = await startAnvil({
    optimism: true,
    genesisFile: DEFAULT_GENESIS_FILE,
    chainId: 888_008,
    ...(parameters.disableBlockGasLimit ? { disableBlockGasLimit: true } : {}),
  });
  const chain = localChain({ id: anvil.chainId, rpcUrl: anvil.rpcUrl });
  const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl), pollingInterval: 50, cacheTime: 0 }) as PublicClient;
  const accounts = devAccounts(10);
  const wallet = (index: number) => createWalletClient({ chain, transport: http(anvil.rpcUrl), account: privateKeyToAccount(accounts[index]!.privateKey) });

  async function rpc<Result>(method: string, params: unknown[] = []): Promise<Result> {
    const response = await fetch(anvil.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await response.json()) as { result?: Result; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result as Result;
  }

  async function confirmed(hash: Hex) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
    return receipt;
  }

  return {
    anvil,
    rpcUrl: anvil.rpcUrl,
    chainId: anvil.chainId,
    client: createRpcClient(anvil.rpcUrl),
    publicClient,
    accounts,
    rpc,
    async registerAgent(creator) {
      const hash = await wallet(creator).writeContract({ address: predeployAddress.AgentRegistry, abi: agentRegistryAbi, functionName: 'register', args: [CARD_URI] });
      const receipt = await confirmed(hash);
      const [registered] = parseEventLogs({ abi: agentRegistryAbi, logs: receipt.logs, eventName: 'AgentRegistered' });
      if (!registered) throw new Error('no AgentRegistered event in the registration receipt');
      return { agentId: registered.args.agentId, token: registered.args.token, blockNumber: receipt.blockNumber, transactionHash: hash };
    },
    async transferToken(token, from, to, amount) {
      const hash = await wallet(from).writeContract({ address: token, abi: agentTokenAbi, functionName: 'transfer', args: [to, amount] });
      return { blockNumber: (await confirmed(hash)).blockNumber };
    },
    stop: () => anvil.stop(),
  };
}

/** What the chain holds now: every log of the CR8 predeploys and of every registered agent's token,
 *  found through the registry's own views (not the indexer's discovery), as `block:logIndex:blockHash`. */
export async function canonicalCr8LogKeys(l3: TestL3): Promise<string[]> {
  const total = await l3.publicClient.readContract({ address: predeployAddress.AgentRegistry, abi: agentRegistryAbi, functionName: 'totalAgents' });
  const tokens = await Promise.all(
    Array.from({ length: Number(total) }, (_, index) =>
      l3.publicClient.readContract({ address: predeployAddress.AgentRegistry, abi: agentRegistryAbi, functionName: 'agentToken', args: [BigInt(index + 1)] }),
    ),
  );
  const addresses = [...predeploys.filter((predeploy) => predeploy.group === 'cr8').map((predeploy) => predeploy.address), ...tokens];
  const logs = await l3.rpc<RawLog[]>('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', address: addresses }]);
  return logs.map((log) => `${BigInt(log.blockNumber)}:${BigInt(log.logIndex)}:${log.blockHash.toLowerCase()}`).sort();
}
