// Checks a signed EIP-4361 (Sign-In with Ethereum) message against this API's rules, without the
// database: the nonce's freshness and single use are checked where the session is created
// (sign-in-with-ethereum.ts), in the same transaction. Every refusal is a 4xx with a code:
//   INVALID_ARGUMENT   not an EIP-4361 message, or a domain / chain id / URI this API does not accept
//   MESSAGE_EXPIRED    past expirationTime, before notBefore, or issuedAt older than the nonce TTL
//   INVALID_SIGNATURE  the signature is not the message's address's (EOA offline; ERC-1271 through
//                      `publicClient` when one is given)
import { type Hex, isAddress, verifyMessage } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import { ApiError } from '../api/api-error.ts';

/** A client that can check contract-wallet signatures (ERC-1271 / ERC-6492), e.g. a viem PublicClient on the L3. */
export type SiwePublicClient = { verifyMessage: (parameters: { address: `0x${string}`; message: string; signature: Hex }) => Promise<boolean> };

export type SiweOptions = {
  /** Authorities (host[:port]) the message's domain must be one of. */
  domains: readonly string[];
  chainId: number;
  /** How long a nonce lives; a message issued longer ago than this is refused too. */
  nonceTtlSeconds: number;
  /** How far in the future a wallet's clock may put issuedAt (default 5 minutes). */
  clockSkewSeconds?: number;
  publicClient?: SiwePublicClient;
};

export type VerifiedSiweMessage = {
  /** Lower-case 0x address. */
  address: `0x${string}`;
  nonce: string;
  issuedAt: Date;
  expirationTime: Date | null;
};

/** Real messages are well under 1 KiB even with resources; the bound also caps the parser's regex work. */
export const MAX_SIWE_MESSAGE_LENGTH = 4 * 1024;
const NONCE = /^[A-Za-z0-9]{8,64}$/;

export async function verifySiweMessage(input: { message: string; signature: string }, options: SiweOptions, now: Date = new Date()): Promise<VerifiedSiweMessage> {
  const { message, signature } = input;
  if (typeof message !== 'string' || message.length === 0 || message.length > MAX_SIWE_MESSAGE_LENGTH) throw invalid('message', 'must be an EIP-4361 message');
  if (typeof signature !== 'string' || !/^0x([0-9a-fA-F]{2})+$/.test(signature)) throw invalid('signature', 'must be 0x-prefixed hex');

  const fields = parseSiweMessage(message);
  const { address, domain, uri, version, chainId, nonce, issuedAt } = fields;
  if (!address || !domain || !uri || !version || chainId === undefined || !nonce || !issuedAt) throw invalid('message', 'is not an EIP-4361 message (a required field is missing)');
  if (!isAddress(address, { strict: false })) throw invalid('message', 'names an invalid address');
  if (version !== '1') throw invalid('message', 'must be EIP-4361 version 1');
  if (!options.domains.includes(domain)) throw invalid('domain', `${domain} is not a domain this API signs in for`, { allowed: options.domains });
  if (fields.scheme !== undefined && fields.scheme !== 'https' && fields.scheme !== 'http') throw invalid('scheme', 'must be http or https');
  if (!isHttpUri(uri)) throw invalid('uri', 'must be an http(s) URI');
  if (chainId !== options.chainId) throw invalid('chainId', `must be ${options.chainId} (the CR8 L3)`, { expected: options.chainId });
  if (!NONCE.test(nonce)) throw new ApiError(401, 'NONCE_INVALID', 'the nonce is not one this API issued');

  const skewMs = (options.clockSkewSeconds ?? 300) * 1_000;
  for (const [name, value] of [['issuedAt', issuedAt], ['expirationTime', fields.expirationTime], ['notBefore', fields.notBefore]] as const)
    if (value !== undefined && Number.isNaN(value.getTime())) throw invalid(name, 'must be an RFC 3339 date-time');
  if (fields.expirationTime && now.getTime() >= fields.expirationTime.getTime()) throw expired('the message has expired (expirationTime)');
  if (fields.notBefore && now.getTime() < fields.notBefore.getTime()) throw expired('the message is not valid yet (notBefore)');
  if (now.getTime() - issuedAt.getTime() > options.nonceTtlSeconds * 1_000) throw expired(`the message was issued more than ${options.nonceTtlSeconds} s ago; request a new nonce`);
  if (issuedAt.getTime() - now.getTime() > skewMs) throw expired('the message is issued in the future; check the clock');

  if (!(await signatureMatches(address, message, signature as Hex, options.publicClient))) throw new ApiError(401, 'INVALID_SIGNATURE', 'the signature is not by the address in the message');
  return { address: address.toLowerCase() as `0x${string}`, nonce, issuedAt, expirationTime: fields.expirationTime ?? null };
}

async function signatureMatches(address: `0x${string}`, message: string, signature: Hex, publicClient: SiwePublicClient | undefined): Promise<boolean> {
  // An EOA's signature is checked offline, for free; only a non-EOA signature needs the chain.
  try {
    if (await verifyMessage({ address, message, signature })) return true;
  } catch {
    // Not a recoverable 65-byte ECDSA signature: maybe a contract wallet's.
  }
  if (!publicClient) return false;
  try {
    return await publicClient.verifyMessage({ address, message, signature });
  } catch {
    throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'the chain did not answer the contract-wallet signature check; retry', undefined, { 'retry-after': '5' });
  }
}

function isHttpUri(uri: string): boolean {
  try {
    const parsed = new URL(uri);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

function invalid(field: string, message: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(400, 'INVALID_ARGUMENT', `SIWE ${field}: ${message}`, { field, ...extra });
}

function expired(message: string): ApiError {
  return new ApiError(401, 'MESSAGE_EXPIRED', message);
}
