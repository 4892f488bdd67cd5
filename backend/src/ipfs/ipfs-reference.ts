// How an object stored here is referred to elsewhere: the CID text, the `ipfs://` URI an agent's
// on-chain record holds, and the metadata hash the AgentRegistry derives from that URI. The
// registry's IpfsUri library accepts exactly `ipfs://` + a CIDv1 in lowercase base32 with a codec
// below 2**14 and a 32-byte sha2-256 multihash, and takes the digest as the metadata hash, so
// registering with `metadataHash` set to anything else reverts (MetadataHashMismatch).
import type { CID } from 'multiformats/cid';
import { parseCid } from './parse-cid.ts';

export type IpfsReference = {
  /** CIDv1, lowercase base32 (`bagaaiera…` for json, `bafkrei…` for raw). */
  cid: string;
  uri: `ipfs://${string}`;
  /** The sha2-256 digest of the bytes: what AgentRegistry stores as the card's metadata hash. */
  metadataHash: `0x${string}`;
  /** Size of the bytes. */
  size: number;
};

export function toIpfsReference(cid: CID, size: number): IpfsReference {
  const checked = parseCid(cid);
  const text = checked.toString();
  return { cid: text, uri: `ipfs://${text}`, metadataHash: `0x${Buffer.from(checked.multihash.digest).toString('hex')}`, size };
}
