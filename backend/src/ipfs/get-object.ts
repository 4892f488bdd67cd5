// Reads an object by CID and proves it is the right one: the bytes are hashed again and compared with
// the CID's sha2-256 digest, whether they came from the local disk or from a peer. Helia checks blocks
// that arrive from peers, but returns what is on disk as it is; a corrupted or tampered file under
// `blocks/` would otherwise be served as if it were the card the chain points at.
import { createHash } from 'node:crypto';
import type { CID } from 'multiformats/cid';
import { IpfsError } from './errors.ts';
import { parseCid } from './parse-cid.ts';
import type { IpfsBlocks } from './start-ipfs-node.ts';

/** The largest object read (default): the asset limit, so anything this node adds can be read back. */
export const DEFAULT_MAX_OBJECT_BYTES = 1024 * 1024;
/** How long to wait for a block that is not here and must come from a peer. */
export const DEFAULT_GET_TIMEOUT_MS = 10_000;

export type GetObjectParameters = {
  /** Default 1 MiB; reading stops as soon as it is exceeded. */
  maxBytes?: number;
  /** Default 10 s; then NOT_FOUND. */
  timeoutMs?: number;
  /** Aborting it (e.g. the HTTP client went away) also ends in NOT_FOUND. */
  signal?: AbortSignal;
  /** Only look on the local disk, never ask peers. */
  offline?: boolean;
};

export type GetObjectErrorType = IpfsError;

/** The verified bytes of `cid` (raw or json codec, sha2-256). */
export async function getObject(helia: IpfsBlocks, cid: CID | string, parameters: GetObjectParameters = {}): Promise<Uint8Array> {
  const checked = parseCid(cid);
  const maxBytes = parameters.maxBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  const timeoutMs = parameters.timeoutMs ?? DEFAULT_GET_TIMEOUT_MS;
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(parameters.signal ? [parameters.signal] : [])]);

  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of helia.blockstore.get(checked, { signal, offline: parameters.offline })) {
      size += chunk.length;
      // Leaving the loop closes the generator, and with it the file being read.
      if (size > maxBytes) throw new IpfsError('TOO_LARGE', `${checked} is larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof IpfsError) throw error;
    if (signal.aborted) {
      const reason = parameters.signal?.aborted ? 'the request was aborted' : `no peer provided it within ${timeoutMs} ms`;
      throw new IpfsError('NOT_FOUND', `${checked} is not available: ${reason}`, { cause: error });
    }
    // Offline and absent; every block broker failed; or the file vanished between Helia's `has` and `get`.
    if (['BlockNotFoundWhileOfflineError', 'LoadBlockFailedError', 'NotFoundError'].includes((error as Error).name)) {
      throw new IpfsError('NOT_FOUND', `${checked} is not available`, { cause: error });
    }
    throw error;
  }

  const bytes = Buffer.concat(chunks);
  const digest = createHash('sha256').update(bytes).digest();
  if (!digest.equals(checked.multihash.digest)) {
    throw new IpfsError('INTEGRITY_MISMATCH', `the stored bytes of ${checked} hash to ${digest.toString('hex')}, not to the CID's digest`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
