// The devnet's deposit relayer: turns the parent portal's TransactionDeposited logs into L3 deposit
// transactions (type 0x7e) exactly as op-node derives them (source hash from the parent block hash and
// log index, mint/value/gas/data from the opaque data, the sender as the portal emitted it, aliased for
// contracts), and submits them to the L3's anvil. On a real chain op-node does this; anvil has no
// derivation pipeline, so the relayer stands in for it.
//
// It is idempotent: a deposit's L3 transaction hash is known in advance, and one already on the L3 is
// never sent again, so a restart simply rescans the parent from the first block.
import {
  type Address,
  type Hash,
  type Log,
  type PublicClient,
  parseAbiItem,
} from 'viem';
import { getL2TransactionHash, getSourceHash, opaqueDataToDepositData, serializeTransaction } from 'viem/op-stack';
import { startSerialPoller } from '../serial-poller.ts';

export const transactionDepositedEvent = parseAbiItem(
  'event TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, bytes opaqueData)',
);

export type DepositRelayerParameters = {
  parent: PublicClient;
  l3: PublicClient;
  portal: Address;
  /** Milliseconds between polls of the parent chain (default 100). */
  pollingIntervalMs?: number;
  onRelayed?: (deposit: { parentTransaction: Hash; l3Transaction: Hash; parentBlock: bigint }) => void;
  onError?: (error: Error) => void;
};

export type DepositRelayer = {
  /** Relays every deposit up to the parent's current head; resolves when done. */
  catchUp: () => Promise<number>;
  stop: () => Promise<void>;
  /** Deposits relayed since start. */
  readonly relayed: number;
};

/** The L3 deposit transaction for one TransactionDeposited log, serialized, with its hash. */
export function depositTransactionFor(log: Log<bigint, number, false, typeof transactionDepositedEvent, true>) {
  const { from, to, version } = log.args;
  if (version !== 0n) throw new Error(`unsupported deposit version ${version} in ${log.transactionHash}`);
  const data = opaqueDataToDepositData(log.args.opaqueData);
  const sourceHash = getSourceHash({ domain: 'userDeposit', l1BlockHash: log.blockHash, l1LogIndex: log.logIndex });
  const serialized = serializeTransaction({
    type: 'deposit',
    sourceHash,
    from,
    ...(data.isCreation ? {} : { to }),
    mint: data.mint,
    value: data.value,
    gas: data.gas,
    isSystemTx: false,
    data: data.data,
  });
  return { serialized, hash: getL2TransactionHash({ log }) };
}

export function startDepositRelayer(parameters: DepositRelayerParameters): DepositRelayer {
  const { parent, l3, portal } = parameters;
  let nextBlock = 0n;
  let relayed = 0;

  async function relayRange(): Promise<number> {
    const head = await parent.getBlockNumber();
    if (head < nextBlock) return 0;
    const logs = await parent.getLogs({ address: portal, event: transactionDepositedEvent, fromBlock: nextBlock, toBlock: head, strict: true });
    let count = 0;
    for (const log of logs) {
      const { serialized, hash } = depositTransactionFor(log);
      const existing = await l3.getTransaction({ hash }).catch(() => undefined);
      if (!existing) {
        await l3.request({ method: 'eth_sendRawTransaction', params: [serialized] });
        parameters.onRelayed?.({ parentTransaction: log.transactionHash, l3Transaction: hash, parentBlock: log.blockNumber });
        count++;
      }
    }
    nextBlock = head + 1n;
    relayed += count;
    return count;
  }

  // One pass at a time: a poll and an explicit catch-up never relay the same range twice.
  const poller = startSerialPoller(relayRange, {
    intervalMs: parameters.pollingIntervalMs ?? 100,
    ...(parameters.onError ? { onError: parameters.onError } : {}),
  });
  return {
    catchUp: poller.runNow,
    stop: poller.stop,
    get relayed() {
      return relayed;
    },
  };
}
