// The exact EIP-712 typed data the caller's wallet signs to authorize an orchestrator to charge up to a
// cumulative amount (eth_signTypedData_v4 / wagmi's signTypedData), with its digest, and what the caller
// has already authorized and been charged for that orchestrator, so the DApp can choose the new total.
import type { Pool } from 'pg';
import { z } from 'zod';
import type { Principal } from '../api/route.ts';
import { listAuthorizations } from './list-authorizations.ts';
import { addressInput, cumulativeAmountInput, orchestratorFor, type PaymentsDeps } from './payments-deps.ts';
import { spendingAuthorizationTypedData, spendingAuthorizationTypedDataJson } from './spending-authorization.ts';

export const authorizationTypedDataInput = z
  .object({
    orchestrator: addressInput.optional(),
    cumulativeAmount: cumulativeAmountInput,
  })
  .strict();
export type AuthorizationTypedDataInput = z.output<typeof authorizationTypedDataInput>;

export type AuthorizationTypedDataReturnType = {
  payer: `0x${string}`;
  orchestrator: `0x${string}`;
  cumulativeAmount: string;
  /** The largest amount already authorized for this orchestrator (a new one must be larger), or null. */
  currentCumulativeAmount: string | null;
  /** What has been charged so far: authorizing less than this leaves no headroom at all. */
  chargedWei: string;
  /** For eth_signTypedData_v4: integers as decimal strings, EIP712Domain included. */
  typedData: Record<string, unknown>;
  /** The EIP-712 digest the signature is over (what an ERC-1271 wallet is asked about). */
  digest: `0x${string}`;
};

export async function authorizationTypedData(deps: PaymentsDeps & { db: Pool }, principal: Principal, input: AuthorizationTypedDataInput): Promise<AuthorizationTypedDataReturnType> {
  const payer = principal.wallet;
  const orchestrator = orchestratorFor(deps, input.orchestrator);
  const typedData = spendingAuthorizationTypedData({ chainId: deps.chainId, creditVault: deps.creditVault, payer, orchestrator, cumulativeAmount: input.cumulativeAmount });
  const current = (await listAuthorizations(deps.db, payer, orchestrator))[0];
  return {
    payer,
    orchestrator,
    cumulativeAmount: input.cumulativeAmount.toString(),
    currentCumulativeAmount: current?.cumulativeAmount ?? null,
    chargedWei: current?.chargedWei ?? '0',
    ...spendingAuthorizationTypedDataJson(typedData),
  };
}
