// The CIDs this node deals in: version 1 (or 0, which is always dag-pb and so refused by codec), a
// full sha2-256 multihash (what the node can verify, and what the on-chain registry stores as the
// metadata hash), and a codec it produces itself: raw for assets, json for agent cards. Any other
// input, including arbitrary strings from a URL, ends in a typed IpfsError, never another exception.
import { CID } from 'multiformats/cid';
import { IpfsError } from './errors.ts';

export const RAW_CODEC = 0x55;
export const JSON_CODEC = 0x0200;
export const SHA2_256_CODE = 0x12;
export const SHA2_256_LENGTH = 32;

/**
 * The longest CID text considered. A sha2-256 CIDv1 is at most ~75 characters in any common base
 * (base16); refusing longer input up front also keeps base58 decoding, quadratic in length, cheap.
 */
export const MAX_CID_TEXT_LENGTH = 128;

const SERVED_CODECS = new Set([RAW_CODEC, JSON_CODEC]);

export type ParseCidErrorType = IpfsError;

/** The CID in `input` (a string in any multibase multiformats knows, or a CID) once checked. */
export function parseCid(input: string | CID): CID {
  const cid = typeof input === 'string' ? decode(input) : input;
  if (cid.version !== 1) throw new IpfsError('UNSUPPORTED_CODEC', `${cid} is a CIDv0 (dag-pb); only raw and json CIDv1 are served`);
  if (cid.multihash.code !== SHA2_256_CODE || cid.multihash.size !== SHA2_256_LENGTH || cid.multihash.digest.length !== SHA2_256_LENGTH) {
    throw new IpfsError('UNSUPPORTED_HASH', `${cid} does not use a 32-byte sha2-256 multihash (code 0x${cid.multihash.code.toString(16)})`);
  }
  if (!SERVED_CODECS.has(cid.code)) throw new IpfsError('UNSUPPORTED_CODEC', `${cid} has codec 0x${cid.code.toString(16)}; only raw (0x55) and json (0x200) are served`);
  return cid;
}

function decode(text: string): CID {
  if (text.length === 0 || text.length > MAX_CID_TEXT_LENGTH) throw new IpfsError('INVALID_CID', 'not a CID (empty or too long)');
  let parsed: CID;
  try {
    parsed = CID.parse(text);
  } catch (error) {
    // Echo at most a short prefix: the text comes from a URL.
    throw new IpfsError('INVALID_CID', `not a CID: ${JSON.stringify(text.slice(0, 80))}`, { cause: error });
  }
  // CID.parse remembers the text it was given and prints it back; rebuilding from the bytes makes
  // `toString()` the canonical form (base32 for v1), which is what ETags and URIs must use.
  return CID.decode(parsed.bytes);
}
