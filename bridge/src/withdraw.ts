// Native CR8 on the L3 -> parent CR8. Three steps, each its own function so a wallet (or the CLI) can
// resume at any of them: initiate (the L3 bridge burns the native CR8 through the LiquidityController
// and sends a message through L2ToL1MessagePasser), prove (once an output root covers the L3 block), and
// finalize (after the finalization window; the portal calls CR8ParentBridge, which releases the escrow).
// Proving and finalizing go through viem's OP Stack actions, as for any OP Stack chain.
import { cr8L3BridgeAbi, devnetOutputOracleAbi, devnetPortalAbi } from '@cr8/contracts';
import type { Address, Hash, TransactionReceipt } from 'viem';
import {
  buildProveWithdrawal,
  finalizeWithdrawal,
  getL2Output,
  getWithdrawals,
  getWithdrawalStatus,
  proveWithdrawal,
  waitToProve,
} from 'viem/op-stack';
import type { BridgeContext } from './context.ts';
import { BridgeError } from './errors.ts';

export type WithdrawalStatus = Awaited<ReturnType<typeof getWithdrawalStatus>>;

export async function initiateWithdrawal(
  context: BridgeContext,
  parameters: { amount: bigint; to?: Address },
): Promise<{ l3Transaction: Hash; receipt: TransactionReceipt; amount: bigint; to: Address }> {
  const { l3, l3Wallet, contracts, account } = context;
  const to = parameters.to ?? account.address;
  if (parameters.amount <= 0n) throw new BridgeError('INVALID_AMOUNT', 'the amount must be greater than zero');
  const balance = await l3.getBalance({ address: account.address });
  if (balance < parameters.amount)
    throw new BridgeError('INSUFFICIENT_BALANCE', `${account.address} holds ${balance} wei of native CR8 on the L3, less than the ${parameters.amount} wei to withdraw (plus gas)`);
  const hash = await l3Wallet.writeContract({
    address: contracts.l3Bridge,
    abi: cr8L3BridgeAbi,
    functionName: 'withdraw',
    args: [to],
    value: parameters.amount,
  });
  const receipt = await l3.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new BridgeError('TRANSACTION_REVERTED', `the withdrawal ${hash} reverted on the L3`);
  return { l3Transaction: hash, receipt, amount: parameters.amount, to };
}

async function withdrawalReceipt(context: BridgeContext, l3Transaction: Hash): Promise<TransactionReceipt> {
  const receipt = await context.l3.getTransactionReceipt({ hash: l3Transaction }).catch(() => undefined);
  if (!receipt) throw new BridgeError('UNKNOWN_TRANSACTION', `${l3Transaction} is not a transaction on the L3`);
  if (getWithdrawals(receipt).length === 0)
    throw new BridgeError('NO_WITHDRAWAL_IN_TRANSACTION', `${l3Transaction} initiated no withdrawal`);
  return receipt;
}

export async function withdrawalStatus(context: BridgeContext, l3Transaction: Hash): Promise<WithdrawalStatus> {
  const receipt = await withdrawalReceipt(context, l3Transaction);
  return getWithdrawalStatus(context.parent, { receipt, targetChain: context.l3Chain });
}

/** Proves the withdrawal on the parent. With `wait`, first waits for an output root covering it. */
export async function proveWithdrawalOf(
  context: BridgeContext,
  parameters: { l3Transaction: Hash; wait?: boolean },
): Promise<{ parentTransaction: Hash; finalizableAt: Date }> {
  const receipt = await withdrawalReceipt(context, parameters.l3Transaction);
  const status = await getWithdrawalStatus(context.parent, { receipt, targetChain: context.l3Chain });
  if (status === 'waiting-to-prove' && !parameters.wait)
    throw new BridgeError('NOT_READY_TO_PROVE', `no output root covers L3 block ${receipt.blockNumber} yet; try again shortly`);
  if (status === 'waiting-to-finalize' || status === 'ready-to-finalize')
    throw new BridgeError('ALREADY_PROVEN', `the withdrawal in ${parameters.l3Transaction} is already proven`);
  if (status === 'finalized') throw new BridgeError('ALREADY_FINALIZED', `the withdrawal in ${parameters.l3Transaction} is already finalized`);

  const { output, withdrawal } =
    status === 'waiting-to-prove'
      ? await waitToProve(context.parent, { receipt, targetChain: context.l3Chain })
      : {
          output: await getL2Output(context.parent, { l2BlockNumber: receipt.blockNumber, targetChain: context.l3Chain }),
          withdrawal: getWithdrawals(receipt)[0]!,
        };
  const args = await buildProveWithdrawal(context.l3, { output, withdrawal });
  const hash = await proveWithdrawal(context.parentWallet, {
    l2OutputIndex: args.l2OutputIndex,
    outputRootProof: args.outputRootProof,
    withdrawalProof: args.withdrawalProof,
    withdrawal: args.withdrawal,
    targetChain: context.l3Chain,
  } as never);
  const proven = await context.parent.waitForTransactionReceipt({ hash });
  if (proven.status !== 'success') throw new BridgeError('TRANSACTION_REVERTED', `the prove transaction ${hash} reverted`);
  return { parentTransaction: hash, finalizableAt: new Date(Number(await finalizableAt(context, withdrawal.withdrawalHash)) * 1000) };
}

/** The first parent-chain timestamp (the devnet portal and oracle share these getters with OP's
 *  OptimismPortal and L2OutputOracle, so this works against either) at which a proven withdrawal can be finalized: the window counts from
 *  the later of the proof and the output proposal, as the portal checks it (chain time, not wall-clock). */
export async function finalizableAt(context: BridgeContext, withdrawalHash: Hash): Promise<bigint> {
  const { portal, oracle } = context.contracts;
  const [, provenAt, outputIndex] = await context.parent.readContract({ address: portal, abi: devnetPortalAbi, functionName: 'provenWithdrawals', args: [withdrawalHash] });
  const [output, period] = await Promise.all([
    context.parent.readContract({ address: oracle, abi: devnetOutputOracleAbi, functionName: 'getL2Output', args: [outputIndex] }),
    context.parent.readContract({ address: oracle, abi: devnetOutputOracleAbi, functionName: 'FINALIZATION_PERIOD_SECONDS' }),
  ]);
  const start = provenAt > output.timestamp ? provenAt : output.timestamp;
  return start + period + 1n;
}

/** Finalizes a proven withdrawal: the portal calls CR8ParentBridge, which releases the CR8. */
export async function finalizeWithdrawalOf(
  context: BridgeContext,
  parameters: { l3Transaction: Hash; wait?: boolean },
): Promise<{ parentTransaction: Hash }> {
  const receipt = await withdrawalReceipt(context, parameters.l3Transaction);
  const [withdrawal] = getWithdrawals(receipt);
  const status = await getWithdrawalStatus(context.parent, { receipt, targetChain: context.l3Chain });
  if (status === 'finalized') throw new BridgeError('ALREADY_FINALIZED', `the withdrawal in ${parameters.l3Transaction} is already finalized`);
  if (status === 'waiting-to-prove' || status === 'ready-to-prove')
    throw new BridgeError('NOT_READY_TO_FINALIZE', `the withdrawal in ${parameters.l3Transaction} is not proven yet: prove it first`);
  const readyAt = await finalizableAt(context, withdrawal!.withdrawalHash);
  for (;;) {
    const { timestamp: now } = await context.parent.getBlock();
    if (now >= readyAt) break;
    if (!parameters.wait)
      throw new BridgeError(
        'NOT_READY_TO_FINALIZE',
        `the finalization window has not passed: finalizable at ${new Date(Number(readyAt) * 1000).toISOString()} (in ${readyAt - now} s)`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const hash = await finalizeWithdrawal(context.parentWallet, { withdrawal: withdrawal!, targetChain: context.l3Chain } as never);
  const finalized = await context.parent.waitForTransactionReceipt({ hash });
  if (finalized.status !== 'success') throw new BridgeError('TRANSACTION_REVERTED', `the finalize transaction ${hash} reverted`);
  return { parentTransaction: hash };
}
