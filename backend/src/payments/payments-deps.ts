// What the payments operations share: the CreditVault's EIP-712 domain, the default orchestrator, and
// the chain client for contract wallets' signatures; plus the input shapes of amounts and addresses.
import type { PublicClient } from 'viem';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';

export type PaymentsDeps = {
  chainId: number;
  /** Lower-case address of the CreditVault. */
  creditVault: `0x${string}`;
  /** The orchestrator an authorization is for when the request names none (ORCHESTRATOR_ADDRESS). */
  defaultOrchestrator?: `0x${string}`;
  /** The CR8 L3, to check contract wallets' signatures (ERC-1271); without it only keys (EOAs) sign. */
  publicClient?: Pick<PublicClient, 'getCode' | 'readContract'>;
};

const MAX_UINT256 = 2n ** 256n - 1n;

export const addressInput = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte address')
  .transform((value) => value.toLowerCase() as `0x${string}`);

/** A positive uint256 in wei, as a decimal string (JSON numbers cannot carry it exactly). */
export const cumulativeAmountInput = z
  .string()
  .regex(/^[1-9][0-9]{0,77}$/, 'a positive decimal integer string (wei)')
  // Zod runs every check even after the pattern failed: BigInt() only sees digits.
  .refine((value) => !/^[0-9]+$/.test(value) || BigInt(value) <= MAX_UINT256, 'at most 2^256 - 1')
  .transform((value) => BigInt(value));

/** The orchestrator the request names, or the configured default; INVALID_ARGUMENT when neither. */
export function orchestratorFor(deps: PaymentsDeps, requested: `0x${string}` | undefined): `0x${string}` {
  const orchestrator = requested ?? deps.defaultOrchestrator;
  if (!orchestrator) {
    const message = 'required (this API has no default orchestrator configured)';
    throw new ApiError(400, 'INVALID_ARGUMENT', `orchestrator: ${message}`, { issues: [{ path: 'orchestrator', message }] });
  }
  return orchestrator;
}
