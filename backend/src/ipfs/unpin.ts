// Unpinning lets Helia's garbage collection (helia.gc()) delete the block once nothing else pins it;
// the block itself stays until then.
import type { CID } from 'multiformats/cid';
import type { IpfsBlocks } from './start-ipfs-node.ts';

/** Removes the pin on `cid`; returns false when it was not pinned. */
export async function unpinObject(helia: IpfsBlocks, cid: CID, parameters: { signal?: AbortSignal } = {}): Promise<boolean> {
  try {
    for await (const _ of helia.pins.rm(cid, { signal: parameters.signal })) {
      // draining the generator unpins each block under the CID
    }
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFoundError') return false;
    throw error;
  }
}
