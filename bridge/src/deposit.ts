// Parent CR8 (ERC-20) -> native CR8 on the L3. One parent transaction: CR8ParentBridge.depositWithPermit
// escrows the tokens (an EIP-2612 permit instead of a separate approval) and sends a deposit through the
// portal; the L3 bridge then releases native CR8 from the LiquidityController.
import { cr8ParentBridgeAbi, cr8TokenAbi } from '@cr8/contracts';
import { type Address, type Hash, parseSignature } from 'viem';
import { getL2TransactionHashes } from 'viem/op-stack';
import type { BridgeContext } from './context.ts';
import { BridgeError } from './errors.ts';

export type DepositResult = {
  amount: bigint;
  to: Address;
  parentTransaction: Hash;
  parentBlock: bigint;
  /** The L3 deposit transaction op-node (here: the devnet relayer) derives from the parent log. */
  l3Transaction: Hash;
  /** Set once the deposit is on the L3 (when `wait` is true). */
  l3Block?: bigint;
};

export async function depositCR8(
  context: BridgeContext,
  parameters: { amount: bigint; to?: Address; wait?: boolean; deadlineSeconds?: number },
): Promise<DepositResult> {
  const { parent, parentWallet, contracts, account } = context;
  const to = parameters.to ?? account.address;
  if (parameters.amount <= 0n) throw new BridgeError('INVALID_AMOUNT', 'the amount must be greater than zero');
  const balance = await parent.readContract({ address: contracts.token, abi: cr8TokenAbi, functionName: 'balanceOf', args: [account.address] });
  if (balance < parameters.amount)
    throw new BridgeError('INSUFFICIENT_BALANCE', `${account.address} holds ${balance} wei of parent CR8, less than the ${parameters.amount} wei to deposit`);

  const [nonce, name, block] = await Promise.all([
    parent.readContract({ address: contracts.token, abi: cr8TokenAbi, functionName: 'nonces', args: [account.address] }),
    parent.readContract({ address: contracts.token, abi: cr8TokenAbi, functionName: 'name' }),
    parent.getBlock(),
  ]);
  const deadline = block.timestamp + BigInt(parameters.deadlineSeconds ?? 3600);
  const signature = await parentWallet.signTypedData({
    domain: { name, version: '1', chainId: parent.chain.id, verifyingContract: contracts.token },
    types: {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    message: { owner: account.address, spender: contracts.parentBridge, value: parameters.amount, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  const hash = await parentWallet.writeContract({
    address: contracts.parentBridge,
    abi: cr8ParentBridgeAbi,
    functionName: 'depositWithPermit',
    args: [to, parameters.amount, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
  });
  const receipt = await parent.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new BridgeError('TRANSACTION_REVERTED', `the deposit transaction ${hash} reverted`);
  const [l3Transaction] = getL2TransactionHashes(receipt);
  if (!l3Transaction) throw new BridgeError('TRANSACTION_REVERTED', `the deposit transaction ${hash} emitted no TransactionDeposited log`);
  const result: DepositResult = { amount: parameters.amount, to, parentTransaction: hash, parentBlock: receipt.blockNumber, l3Transaction };
  if (parameters.wait !== false) {
    const l3Receipt = await waitForDepositReceipt(context, l3Transaction, 120_000);
    if (l3Receipt.status !== 'success') throw new BridgeError('TRANSACTION_REVERTED', `the L3 deposit ${l3Transaction} reverted`);
    result.l3Block = l3Receipt.blockNumber;
  }
  return result;
}

/** Polls for the L3 receipt of a deposit transaction. Not viem's waitForTransactionReceipt: deposits from
 *  one sender (the aliased parent bridge) share a nonce, which its replacement detection takes for a
 *  replaced transaction, returning another deposit's receipt. */
export async function waitForDepositReceipt(context: BridgeContext, hash: Hash, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await context.l3.getTransactionReceipt({ hash }).catch(() => undefined);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new BridgeError('TRANSACTION_REVERTED', `the L3 did not include deposit ${hash} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
