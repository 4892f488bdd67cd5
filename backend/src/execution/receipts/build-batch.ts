// Chooses what the next batch settles and computes what postBatch takes, from the unbatched receipts
// and each payer's state. Pure: the poster reads the inputs and records the result.
//
// A payer's receipts must settle as a gapless chain: each receipt's payerCumulative is the payer's
// previous cumulative plus its fee, starting from what the vault has charged so far. The batch charges
// the payer up to the end of the chain it includes, and ExecutionReceipts lets anyone prove fraud against
// a receipt whose payerCumulative its batch did not reach, so a batch must never include a receipt past
// a gap (a receipt whose predecessor is still being written by another worker's transaction) nor charge
// past a receipt it includes. Its agent fees then add up to exactly what its charges take.
import type { Address, Hex } from 'viem';
import { type Receipt, receiptsRoot } from './receipt.ts';

export type PayerState = {
  /** What the vault has charged this payer for the orchestrator so far (its channel's `charged`). */
  charged: bigint;
  /** The channel's balance: a batch may take no more from it. */
  balance: bigint;
  /** The payer's signed SpendingAuthorizations for the orchestrator. */
  authorizations: readonly { cumulative: bigint; signature: Hex }[];
};

export type Charge = { payer: Address; authorizedCumulative: bigint; chargeTo: bigint; signature: Hex };
export type AgentFee = { agentId: bigint; amount: bigint };

/** Why some of a payer's receipts wait for a later batch. */
export type Held = { payer: Address; receipts: number; reason: 'gap' | 'unauthorized' | 'underfunded' | 'batch-full' };

export type Batch<R extends Receipt = Receipt> = {
  receipts: R[];
  receiptsRoot: Hex;
  agentFees: AgentFee[];
  charges: Charge[];
  total: bigint;
};

export function buildBatch<R extends Receipt>(parameters: {
  receipts: readonly R[];
  payers: ReadonlyMap<Address, PayerState>;
  maxReceipts: number;
}): { batch: Batch<R> | null; held: Held[] } {
  const byPayer = new Map<Address, R[]>();
  for (const receipt of parameters.receipts) {
    const payer = receipt.payer.toLowerCase() as Address;
    byPayer.set(payer, [...(byPayer.get(payer) ?? []), receipt]);
  }
  const held: Held[] = [];
  const included: R[] = [];
  const charges: Charge[] = [];
  // Payers whose oldest receipt is oldest go first (receipts arrive in creation order).
  for (const [payer, list] of byPayer) {
    const state = parameters.payers.get(payer);
    list.sort((a, b) => (a.payerCumulative < b.payerCumulative ? -1 : 1));
    if (!state) {
      held.push({ payer, receipts: list.length, reason: 'unauthorized' });
      continue;
    }
    const authorization = [...state.authorizations].sort((a, b) => (a.cumulative > b.cumulative ? -1 : 1))[0];
    let end = state.charged;
    let taken = 0;
    let reason: Held['reason'] | null = null;
    for (const receipt of list) {
      if (receipt.payerCumulative <= state.charged) continue; // settled by an earlier batch
      if (receipt.payerCumulative !== end + receipt.fee) {
        reason = 'gap';
        break;
      }
      if (!authorization || receipt.payerCumulative > authorization.cumulative) {
        reason = 'unauthorized';
        break;
      }
      if (receipt.payerCumulative - state.charged > state.balance) {
        reason = 'underfunded';
        break;
      }
      if (included.length + taken >= parameters.maxReceipts) {
        reason = 'batch-full';
        break;
      }
      end = receipt.payerCumulative;
      taken++;
    }
    const chain = list.filter((receipt) => receipt.payerCumulative > state.charged).slice(0, taken);
    if (reason) held.push({ payer, receipts: list.length - chain.length, reason });
    if (taken === 0 || !authorization) continue;
    included.push(...chain);
    charges.push({ payer, authorizedCumulative: authorization.cumulative, chargeTo: end, signature: authorization.signature });
  }
  if (included.length === 0) return { batch: null, held };

  const fees = new Map<bigint, bigint>();
  for (const receipt of included) fees.set(receipt.agentId, (fees.get(receipt.agentId) ?? 0n) + receipt.fee);
  const agentFees = [...fees].map(([agentId, amount]) => ({ agentId, amount })).sort((a, b) => (a.agentId < b.agentId ? -1 : 1));
  charges.sort((a, b) => (a.payer < b.payer ? -1 : 1));
  const total = agentFees.reduce((sum, fee) => sum + fee.amount, 0n);
  return { batch: { receipts: included, receiptsRoot: receiptsRoot(included), agentFees, charges, total }, held };
}
