// Helia's own `pins.isPinned` answers for the block (by multihash), so a raw and a json CID over the
// same bytes look alike there; this asks about the CID's own pin.
import type { CID } from 'multiformats/cid';
import type { IpfsBlocks } from './start-ipfs-node.ts';

/** Whether `cid` itself is pinned. */
export async function isObjectPinned(helia: IpfsBlocks, cid: CID, parameters: { signal?: AbortSignal } = {}): Promise<boolean> {
  try {
    await helia.pins.get(cid, { signal: parameters.signal });
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFoundError') return false;
    throw error;
  }
}
