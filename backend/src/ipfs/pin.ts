// Pinning keeps an object through Helia's garbage collection. The object is read and verified first
// (fetched from connected peers if it is not here, within the same limits as a read), so a pin never
// holds bytes that do not match the CID. Cards and assets are single blocks with no links: a pin
// covers exactly one block.
import type { CID } from 'multiformats/cid';
import { type GetObjectParameters, getObject } from './get-object.ts';
import type { IpfsBlocks } from './start-ipfs-node.ts';

export type PinObjectParameters = Pick<GetObjectParameters, 'maxBytes' | 'timeoutMs' | 'signal'> & {
  /** Stored with the pin, e.g. `{ kind: 'card' }`. */
  metadata?: Record<string, string | number | boolean>;
};

/**
 * Fetches (if needed), verifies and pins `cid`. Pinning an already pinned CID is a no-op (Helia
 * itself throws AlreadyPinnedError). Refusals are getObject's: NOT_FOUND, TOO_LARGE, INTEGRITY_MISMATCH...
 */
export async function pinObject(helia: IpfsBlocks, cid: CID, parameters: PinObjectParameters = {}): Promise<void> {
  await getObject(helia, cid, parameters);
  try {
    for await (const _ of helia.pins.add(cid, { signal: parameters.signal, metadata: parameters.metadata })) {
      // the generator yields each pinned block; draining it is what does the work
    }
  } catch (error) {
    if ((error as Error).name !== 'AlreadyPinnedError') throw error;
  }
}
