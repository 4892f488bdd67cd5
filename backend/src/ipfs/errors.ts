// Every way an IPFS operation can be refused, with a machine-readable code. The HTTP route maps these
// to ApiErrors; everything else (a disk error, a libp2p bug) stays a plain Error and is a 500.
export type IpfsErrorCode =
  /** Not a CID (garbage, truncated, an unknown multibase, trailing bytes). */
  | 'INVALID_CID'
  /** The CID's multihash is not a full sha2-256 digest, the only hash this node verifies. */
  | 'UNSUPPORTED_HASH'
  /** The CID's codec is not one this node stores and serves (raw, json). */
  | 'UNSUPPORTED_CODEC'
  /** The object is larger than the caller's limit. */
  | 'TOO_LARGE'
  /** The object was not found locally, and no peer delivered it before the deadline. */
  | 'NOT_FOUND'
  /** The bytes read do not hash to the CID: a corrupted or tampered block. */
  | 'INTEGRITY_MISMATCH'
  /** The agent card is not a JSON object (or holds values JSON cannot represent exactly). */
  | 'INVALID_CARD'
  /** A listen, bootstrap or dial address is not a multiaddr. */
  | 'INVALID_MULTIADDR'
  /** A listen address is already taken by another process. */
  | 'PORT_IN_USE'
  /** The node could not start for another reason (unusable directory, unsupported address). */
  | 'START_FAILED'
  /** A peer could not be reached. */
  | 'DIAL_FAILED';

export class IpfsError extends Error {
  override name = 'IpfsError';
  readonly code: IpfsErrorCode;
  constructor(code: IpfsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export function isIpfsError(error: unknown, code?: IpfsErrorCode): error is IpfsError {
  return error instanceof IpfsError && (code === undefined || error.code === code);
}
