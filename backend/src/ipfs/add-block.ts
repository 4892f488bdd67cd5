// Stores bytes as one block under a CIDv1 (sha2-256) and pins it. Cards and assets are always a single
// block, never a UnixFS DAG: then the CID's digest is the sha2-256 of the bytes themselves, which is
// what the registry checks as the metadata hash and what anyone can verify without IPFS tooling.
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { type IpfsReference, toIpfsReference } from './ipfs-reference.ts';
import { pinObject } from './pin.ts';
import type { IpfsBlocks } from './start-ipfs-node.ts';

export type AddBlockParameters = {
  codec: number;
  signal?: AbortSignal;
  /** Stored with the pin. */
  pinMetadata?: Record<string, string | number | boolean>;
};

export async function addBlock(helia: IpfsBlocks, bytes: Uint8Array, parameters: AddBlockParameters): Promise<IpfsReference> {
  const cid = CID.createV1(parameters.codec, await sha256.digest(bytes));
  // Helia skips the write when the block is already there, and tells connected peers that want it.
  await helia.blockstore.put(cid, bytes, { signal: parameters.signal });
  // pinObject reads the block back and re-hashes it: cheap for one block, and it proves the write.
  await pinObject(helia, cid, { signal: parameters.signal, metadata: parameters.pinMetadata, maxBytes: bytes.length });
  return toIpfsReference(cid, bytes.length);
}
