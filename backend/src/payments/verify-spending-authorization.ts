// Checks a SpendingAuthorization signature the way the CreditVault will when it charges (CreditVault.
// _isPayersSignature): the payer's key first (65-byte ECDSA, as OpenZeppelin's ECDSA.tryRecover takes it:
// v 27 or 28, s in the lower half of the curve order), then, only if that fails, the payer's ERC-1271
// contract (`isValidSignature(digest, signature)` returning 0x1626ba7e) through a chain client when one
// is given. A signature the vault would refuse is refused here, so a stored authorization is always
// one a batch can settle with. (viem's verifyTypedData action would also accept ERC-6492 signatures of
// undeployed wallets, which the vault does not: hence the direct ERC-1271 call.)
import { type Address, BaseError, type Hex, HttpRequestError, isAddressEqual, recoverAddress, SocketClosedError, TimeoutError, hashTypedData, type PublicClient } from 'viem';
import { ApiError } from '../api/api-error.ts';
import type { SpendingAuthorizationTypedData } from './spending-authorization.ts';

/** secp256k1's order / 2: OpenZeppelin's ECDSA refuses a larger s (the malleable twin of a signature). */
const HALF_CURVE_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
const ERC1271_MAGIC_VALUE = '0x1626ba7e';
const erc1271Abi = [
  {
    type: 'function',
    name: 'isValidSignature',
    stateMutability: 'view',
    inputs: [
      { name: 'hash', type: 'bytes32' },
      { name: 'signature', type: 'bytes' },
    ],
    outputs: [{ name: '', type: 'bytes4' }],
  },
] as const;

export type VerifySpendingAuthorizationDeps = {
  /** The CR8 L3, for contract wallets (ERC-1271); without it only EOA signatures are accepted. */
  publicClient?: Pick<PublicClient, 'getCode' | 'readContract'>;
};

export type VerifySpendingAuthorizationParameters = {
  typedData: SpendingAuthorizationTypedData;
  /** The signature as sent: 0x-prefixed hex, 65 bytes for a key, any length for a contract wallet. */
  signature: Hex;
};

export type VerifySpendingAuthorizationReturnType =
  /** `signature` is what to store and hand the vault: lower-case, v normalized to 27/28 for a key. */
  | { valid: true; via: 'ecdsa' | 'erc1271'; signature: Hex }
  | { valid: false; reason: string };

export async function verifySpendingAuthorization(deps: VerifySpendingAuthorizationDeps, parameters: VerifySpendingAuthorizationParameters): Promise<VerifySpendingAuthorizationReturnType> {
  const { typedData } = parameters;
  const payer = typedData.message.payer;
  const signature = parameters.signature.toLowerCase() as Hex;
  const digest = hashTypedData(typedData);

  let reason = 'the signature is not 65 bytes, so it can only be a contract wallet\'s';
  if (signature.length === 132) {
    const key = await checkEcdsa(digest, signature, payer);
    if (key.valid) return { valid: true, via: 'ecdsa', signature: key.signature };
    reason = key.reason;
  }
  // As the vault does: whatever the key check said (a high s included: a Safe, say, may accept its
  // owner's high-s signature), a payer with code gets the last word.
  if (!deps.publicClient) return { valid: false, reason };
  return checkErc1271(deps.publicClient, payer, digest, signature, reason);
}

type EcdsaCheck = { valid: true; signature: Hex } | { valid: false; reason: string };

async function checkEcdsa(digest: Hex, signature: Hex, payer: Address): Promise<EcdsaCheck> {
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  if (s > HALF_CURVE_ORDER) return { valid: false, reason: 'the signature\'s s is in the upper half of the curve order (a malleable signature the CreditVault refuses)' };
  let v = Number.parseInt(signature.slice(130, 132), 16);
  // Some wallets (hardware, older libraries) give the recovery id as 0/1; the vault wants 27/28.
  if (v === 0 || v === 1) v += 27;
  if (v !== 27 && v !== 28) return { valid: false, reason: `the signature's v is ${v}, not 27 or 28` };
  const normalized = `${signature.slice(0, 130)}${v.toString(16)}` as Hex;
  let recovered: Address;
  try {
    recovered = await recoverAddress({ hash: digest, signature: normalized });
  } catch {
    return { valid: false, reason: 'no key recovers from the signature' };
  }
  if (!isAddressEqual(recovered, payer)) return { valid: false, reason: 'the signature is not the payer\'s over this typed data' };
  return { valid: true, signature: normalized };
}

async function checkErc1271(client: NonNullable<VerifySpendingAuthorizationDeps['publicClient']>, payer: Address, digest: Hex, signature: Hex, keyReason: string): Promise<VerifySpendingAuthorizationReturnType> {
  let code: Hex | undefined;
  try {
    code = await client.getCode({ address: payer });
  } catch {
    throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'the CR8 L3 did not answer, so a contract wallet\'s signature cannot be checked; retry later');
  }
  if (!code || code === '0x') return { valid: false, reason: keyReason };
  try {
    const result = await client.readContract({ address: payer, abi: erc1271Abi, functionName: 'isValidSignature', args: [digest, signature] });
    if (result.toLowerCase() === ERC1271_MAGIC_VALUE) return { valid: true, via: 'erc1271', signature };
    return { valid: false, reason: `the payer's contract (ERC-1271) answered ${result}, not ${ERC1271_MAGIC_VALUE}` };
  } catch (error) {
    if (error instanceof BaseError && error.walk((cause) => cause instanceof HttpRequestError || cause instanceof TimeoutError || cause instanceof SocketClosedError)) {
      throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'the CR8 L3 did not answer, so a contract wallet\'s signature cannot be checked; retry later');
    }
    // Reverted, returned nothing or garbage: the vault's SignatureChecker treats all of these as invalid.
    return { valid: false, reason: 'the payer\'s contract (ERC-1271) did not accept the signature' };
  }
}
