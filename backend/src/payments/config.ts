// The payments settings of the API's environment, merged into its schema (api/config.ts): which
// CreditVault the payers' SpendingAuthorizations are for, and the orchestrator the API hands its
// executions to (the default counterparty of an authorization).
import { predeployAddress } from '@cr8/predeploys/addresses';
import { z } from 'zod';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte address')
  .transform((value) => value.toLowerCase() as `0x${string}`);

export const paymentsConfigShape = {
  /** The CreditVault SpendingAuthorizations are signed for (the EIP-712 verifyingContract); default the predeploy. */
  CREDIT_VAULT_ADDRESS: address.default(predeployAddress.CreditVault.toLowerCase() as `0x${string}`),
  /** The orchestrator (`cr8 orchestrator`'s account) that runs this API's executions: recorded on each
   *  execution, and the orchestrator an authorization is for when the request names none. Unset: none. */
  ORCHESTRATOR_ADDRESS: address.optional(),
};
