// The devnet's proposer: posts L3 output roots to the parent's output oracle so withdrawals can be
// proven and, after the finalization window, finalized. A real chain runs op-proposer; the local OP
// devnet tool (supersim) has none, which is why withdrawals cannot be tested there.
//
// It proposes the L3 head whenever it has moved past the last proposed block, at most once per
// `intervalMs`. It keeps no state of its own: the oracle's latest block number is the cursor, so a
// restart continues where it stopped.
import { devnetOutputOracleAbi } from '@cr8/contracts';
import type { Account, Address, Chain, Hash, PublicClient, Transport, WalletClient } from 'viem';
import { startSerialPoller } from '../serial-poller.ts';
import { outputRoot, outputRootProofAt } from './output-root.ts';

export type DevProposerParameters = {
  parent: PublicClient;
  /** Signs proposals on the parent: the oracle's PROPOSER. */
  proposer: WalletClient<Transport, Chain, Account>;
  l3: PublicClient;
  oracle: Address;
  /** Milliseconds between proposals (default 1000). */
  intervalMs?: number;
  onProposed?: (output: { l2BlockNumber: bigint; outputRoot: Hash; transaction: Hash }) => void;
  onError?: (error: Error) => void;
};

export type DevProposer = {
  /** Proposes the current L3 head now (if new) and resolves with its block number once mined. */
  proposeNow: () => Promise<bigint | undefined>;
  stop: () => Promise<void>;
};

export function startDevProposer(parameters: DevProposerParameters): DevProposer {
  const { parent, proposer, l3, oracle } = parameters;

  async function propose(): Promise<bigint | undefined> {
    const [head, latest] = await Promise.all([
      l3.getBlockNumber(),
      parent.readContract({ address: oracle, abi: devnetOutputOracleAbi, functionName: 'latestBlockNumber' }),
    ]);
    if (head <= latest) return undefined;
    const { proof } = await outputRootProofAt(l3, head);
    const root = outputRoot(proof);
    const hash = await proposer.writeContract({
      address: oracle,
      abi: devnetOutputOracleAbi,
      functionName: 'proposeL2Output',
      // No parent block hash check: the devnet's parent never reorganizes.
      args: [root, head, `0x${'00'.repeat(32)}`, 0n],
    });
    const receipt = await parent.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`output proposal for L3 block ${head} reverted (${hash})`);
    parameters.onProposed?.({ l2BlockNumber: head, outputRoot: root, transaction: hash });
    return head;
  }

  // Propose at once: viem's waitToProve cannot wait on an oracle that has no output at all.
  const poller = startSerialPoller(propose, {
    intervalMs: parameters.intervalMs ?? 1000,
    ...(parameters.onError ? { onError: parameters.onError } : {}),
  });
  return { proposeNow: poller.runNow, stop: poller.stop };
}
