// `cr8 bridge status <txHash>`: where a deposit (a parent transaction) or a withdrawal (an L3
// transaction) stands, and what comes next.
import type { Hash } from 'viem';
import { getL2TransactionHashes, getWithdrawals, getWithdrawalStatus } from 'viem/op-stack';
import type { BridgeContext } from './context.ts';
import { BridgeError } from './errors.ts';
import { finalizableAt as finalizableAtOf } from './withdraw.ts';

export type BridgeStatus =
  | { kind: 'deposit'; state: 'relaying' | 'completed' | 'failed'; parentTransaction: Hash; l3Transaction: Hash; l3Block?: bigint; next: string }
  | {
      kind: 'withdrawal';
      state: Awaited<ReturnType<typeof getWithdrawalStatus>>;
      l3Transaction: Hash;
      finalizableAt?: Date;
      next: string;
    };

export async function bridgeStatus(context: BridgeContext, hash: Hash): Promise<BridgeStatus> {
  const l3Receipt = await context.l3.getTransactionReceipt({ hash }).catch(() => undefined);
  if (l3Receipt && getWithdrawals(l3Receipt).length > 0) {
    const state = await getWithdrawalStatus(context.parent, { receipt: l3Receipt, targetChain: context.l3Chain });
    const withdrawal = getWithdrawals(l3Receipt)[0]!;
    switch (state) {
      case 'waiting-to-prove':
        return { kind: 'withdrawal', state, l3Transaction: hash, next: `waiting for an output root covering L3 block ${l3Receipt.blockNumber}; then: cr8 bridge prove ${hash}` };
      case 'ready-to-prove':
        return { kind: 'withdrawal', state, l3Transaction: hash, next: `ready to prove: cr8 bridge prove ${hash}` };
      case 'waiting-to-finalize': {
        const finalizableAt = new Date(Number(await finalizableAtOf(context, withdrawal.withdrawalHash)) * 1000);
        return { kind: 'withdrawal', state, l3Transaction: hash, finalizableAt, next: `proven; finalizable at ${finalizableAt.toISOString()}: then cr8 bridge finalize ${hash}` };
      }
      case 'ready-to-finalize':
        return { kind: 'withdrawal', state, l3Transaction: hash, next: `proven and past the window: cr8 bridge finalize ${hash}` };
      case 'finalized':
        return { kind: 'withdrawal', state, l3Transaction: hash, next: 'finalized: the CR8 was released on the parent; nothing left to do' };
    }
  }
  const parentReceipt = await context.parent.getTransactionReceipt({ hash }).catch(() => undefined);
  if (parentReceipt) {
    const [l3Transaction] = getL2TransactionHashes(parentReceipt);
    if (l3Transaction) {
      const relayed = await context.l3.getTransactionReceipt({ hash: l3Transaction }).catch(() => undefined);
      if (!relayed)
        return { kind: 'deposit', state: 'relaying', parentTransaction: hash, l3Transaction, next: 'waiting for the L3 to include the deposit (usually the next L3 block)' };
      return relayed.status === 'success'
        ? { kind: 'deposit', state: 'completed', parentTransaction: hash, l3Transaction, l3Block: relayed.blockNumber, next: 'deposited: the native CR8 is on the L3; nothing left to do' }
        : { kind: 'deposit', state: 'failed', parentTransaction: hash, l3Transaction, l3Block: relayed.blockNumber, next: 'the L3 deposit transaction reverted' };
    }
  }
  if (l3Receipt) throw new BridgeError('NO_WITHDRAWAL_IN_TRANSACTION', `${hash} is an L3 transaction that initiated no withdrawal`);
  throw new BridgeError('UNKNOWN_TRANSACTION', `${hash} is neither a deposit on the parent nor a withdrawal on the L3`);
}
