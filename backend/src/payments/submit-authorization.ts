// Stores a payer's signed SpendingAuthorization for an orchestrator, after checking it as the CreditVault
// will (see verify-spending-authorization.ts). The payer is the caller's wallet. An authorization must
// raise the largest one already stored for that payer and orchestrator (cumulative amounts only grow:
// an older, smaller one adds nothing, and a replayed one would look like a new top-up); the check and
// the insert run under a per-(payer, orchestrator) lock, so concurrent submits cannot both pass it.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { listAuthorizations, type SpendingAuthorizationRecord } from './list-authorizations.ts';
import { addressInput, cumulativeAmountInput, orchestratorFor, type PaymentsDeps } from './payments-deps.ts';
import { spendingAuthorizationTypedData } from './spending-authorization.ts';
import { verifySpendingAuthorization } from './verify-spending-authorization.ts';

/** The longest signature taken (a contract wallet's, e.g. a multisig's concatenated signatures). */
export const MAX_SIGNATURE_BYTES = 4096;

export const submitAuthorizationBody = z
  .object({
    /** Default: the API's ORCHESTRATOR_ADDRESS. */
    orchestrator: addressInput.optional(),
    cumulativeAmount: cumulativeAmountInput,
    signature: z
      .string()
      .regex(/^0x([0-9a-fA-F]{2})+$/, '0x-prefixed hex bytes')
      .min(2 + 65 * 2, 'at least 65 bytes')
      .max(2 + MAX_SIGNATURE_BYTES * 2, `at most ${MAX_SIGNATURE_BYTES} bytes`)
      .transform((value) => value as `0x${string}`),
  })
  .strict();
export type SubmitAuthorizationBody = z.output<typeof submitAuthorizationBody>;

export async function submitAuthorization(deps: PaymentsDeps & { db: Pool }, principal: Principal, body: SubmitAuthorizationBody): Promise<SpendingAuthorizationRecord> {
  const payer = principal.wallet;
  const orchestrator = orchestratorFor(deps, body.orchestrator);
  const typedData = spendingAuthorizationTypedData({ chainId: deps.chainId, creditVault: deps.creditVault, payer, orchestrator, cumulativeAmount: body.cumulativeAmount });
  // Checked before any lock is taken: a contract wallet's check is a chain call.
  const verified = await verifySpendingAuthorization(deps, { typedData, signature: body.signature });
  if (!verified.valid) throw new ApiError(400, 'INVALID_SIGNATURE', `signature: ${verified.reason}`, { payer, orchestrator });

  return withTransaction(deps.db, async (client) => {
    await client.query({ name: 'payments-authorization-lock', text: `SELECT pg_advisory_xact_lock(hashtextextended('payment_authorizations:' || $1 || ':' || $2, 0))`, values: [payer, orchestrator] });
    const { rows } = await client.query<{ largest: string | null }>({
      name: 'payments-largest-authorization',
      text: 'SELECT max(cumulative_wei)::text AS largest FROM payment_authorizations WHERE payer = $1 AND orchestrator = $2',
      values: [payer, orchestrator],
    });
    const largest = rows[0]?.largest ?? null;
    if (largest !== null && BigInt(largest) >= body.cumulativeAmount) {
      throw new ApiError(409, 'AUTHORIZATION_NOT_INCREASING', `cumulativeAmount must be larger than ${largest} wei, the largest amount already authorized for orchestrator ${orchestrator}`, {
        orchestrator,
        largestCumulativeAmount: largest,
      });
    }
    await client.query({
      name: 'payments-insert-authorization',
      text: 'INSERT INTO payment_authorizations (payer, orchestrator, cumulative_wei, signature) VALUES ($1, $2, $3, $4)',
      values: [payer, orchestrator, body.cumulativeAmount.toString(), verified.signature],
    });
    return (await listAuthorizations(client, payer, orchestrator))[0]!;
  });
}
