// The IPFS node's settings from the environment, for whichever process runs the node to merge into its
// own schema (`apiConfigSchema.extend(ipfsConfigShape)`) and pass to startIpfsNode / readIpfsRoute.
import { multiaddr } from '@multiformats/multiaddr';
import { z } from 'zod';
import { DEFAULT_MAX_CARD_BYTES } from './add-card.ts';
import { DEFAULT_GET_TIMEOUT_MS, DEFAULT_MAX_OBJECT_BYTES } from './get-object.ts';
import { DEFAULT_IPFS_LISTEN } from './start-ipfs-node.ts';

/** A comma-separated list of multiaddrs; `requirePeerId` for peers to dial (they must end in /p2p/<id>). */
function multiaddrList(requirePeerId: boolean) {
  return z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .superRefine((addresses, context) => {
      for (const address of addresses) {
        try {
          const components = multiaddr(address).getComponents();
          if (requirePeerId && components.at(-1)?.name !== 'p2p') context.addIssue({ code: 'custom', message: `${address} does not end in /p2p/<peer id>` });
        } catch {
          context.addIssue({ code: 'custom', message: `${address} is not a multiaddr` });
        }
      }
    });
}

export const ipfsConfigShape = {
  /** Blocks, pins, the node's key and its peer store live here; keep it on a persistent volume. */
  IPFS_DIR: z.string().min(1),
  /** Where libp2p listens (TCP). Loopback by default: open it (e.g. /ip4/0.0.0.0/tcp/4001) only on purpose. */
  IPFS_LISTEN: multiaddrList(false).default(DEFAULT_IPFS_LISTEN),
  /** Peers to connect to at start and keep connected (other CR8 nodes, a pinning service). */
  IPFS_BOOTSTRAP: multiaddrList(true).default([]),
  /** How long GET /ipfs/:cid waits for a block from peers before answering 404. */
  IPFS_GET_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(DEFAULT_GET_TIMEOUT_MS),
  /** The largest object served (and the asset upload limit). */
  IPFS_MAX_OBJECT_BYTES: z.coerce.number().int().min(1).max(4 * 1024 * 1024).default(DEFAULT_MAX_OBJECT_BYTES),
  /** The largest agent card, in canonical JSON bytes. */
  IPFS_MAX_CARD_BYTES: z.coerce.number().int().min(1).max(1024 * 1024).default(DEFAULT_MAX_CARD_BYTES),
};

export const ipfsConfigSchema = z.object(ipfsConfigShape);

export type IpfsConfig = z.infer<typeof ipfsConfigSchema>;
