// Assets (images and other files an agent card links to) are stored as one raw block (codec 0x55),
// so the CID digest is the plain sha2-256 of the file. One block caps the size: IPFS implementations
// only promise to move blocks of up to 1 MiB (Kubo's `block put` refuses bigger ones unless told
// --allow-big-block); a bigger file would need chunking into a UnixFS DAG, whose root CID no longer
// hashes the file itself.
import { addBlock } from './add-block.ts';
import { IpfsError } from './errors.ts';
import type { IpfsReference } from './ipfs-reference.ts';
import { RAW_CODEC } from './parse-cid.ts';
import type { IpfsBlocks } from './start-ipfs-node.ts';

export const DEFAULT_MAX_ASSET_BYTES = 1024 * 1024;

export type AddAssetParameters = {
  /** Default 1 MiB; above it the block may not travel to other IPFS implementations. */
  maxBytes?: number;
  signal?: AbortSignal;
};

export type AddAssetReturnType = IpfsReference;
export type AddAssetErrorType = IpfsError;

/** Stores and pins `bytes`; returns the CID, `ipfs://` URI and sha2-256 digest. */
export async function addAsset(helia: IpfsBlocks, bytes: Uint8Array, parameters: AddAssetParameters = {}): Promise<AddAssetReturnType> {
  const maxBytes = parameters.maxBytes ?? DEFAULT_MAX_ASSET_BYTES;
  if (bytes.length > maxBytes) throw new IpfsError('TOO_LARGE', `the asset is ${bytes.length} bytes; the limit is ${maxBytes}`);
  return addBlock(helia, bytes, { codec: RAW_CODEC, signal: parameters.signal, pinMetadata: { kind: 'asset' } });
}
