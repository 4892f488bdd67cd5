// The backend's own IPFS node: Helia with blocks and pins on disk, and a deliberately small libp2p
// (TCP, Noise, Yamux, Identify) that exchanges blocks over Bitswap with the peers it is told about and
// nobody else. Helia's defaults would also join the public network (bootstrap list, mDNS, DHT, UPnP,
// delegated routing and HTTP gateways on the internet); every one of those is switched off here, so
// the node only ever talks to its `bootstrap` peers and to peers that dial it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { tcp } from '@libp2p/tcp';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { FsBlockstore } from 'blockstore-fs';
import { FsDatastore } from 'datastore-fs';
import { createHelia, type Helia } from 'helia';
import type { Logger } from '../service/logger.ts';
import { IpfsError } from './errors.ts';

export const DEFAULT_IPFS_LISTEN = ['/ip4/127.0.0.1/tcp/4001'];
/** How long a bootstrap dial may take before the node starts without that peer. */
export const DEFAULT_BOOTSTRAP_DIAL_TIMEOUT_MS = 5_000;
/**
 * A tag on bootstrap peers in libp2p's peer store. libp2p redials peers whose tag starts with
 * `keep-alive` when they disconnect (and at the next start, as the peer store is on disk).
 */
export const BOOTSTRAP_PEER_TAG = 'keep-alive-cr8-bootstrap';

export type StartIpfsNodeParameters = {
  /** Where blocks (`<directory>/blocks`) and pins, peer identity and peer store (`<directory>/datastore`) live. */
  directory: string;
  /** libp2p TCP listen multiaddrs (default `/ip4/127.0.0.1/tcp/4001`; use `/tcp/0` for any free port). */
  listen?: string[];
  /** Peers to dial at start and keep connected, as multiaddrs ending in `/p2p/<peer id>`. */
  bootstrap?: string[];
  logger: Logger;
  /** Per-peer dial timeout at start (default 5 s); an unreachable peer is logged, not fatal. */
  bootstrapDialTimeoutMs?: number;
};

export type IpfsHelia = ReturnType<typeof createNode>;

/** What the object operations (add, get, pin) need from a node: its blockstore and pins. */
export type IpfsBlocks = Pick<Helia, 'blockstore' | 'pins'>;

/** A running node. It is itself an IpfsBlocks, so it can be handed to addCard, getObject, readIpfsRoute... */
export type IpfsNode = IpfsBlocks & {
  helia: IpfsHelia;
  /** The node's libp2p peer id (stable across restarts: its key is kept in the datastore). */
  peerId: string;
  /** The addresses peers can dial, each ending in `/p2p/<peer id>`. */
  multiaddrs: () => string[];
  /** Connects to a peer (a multiaddr ending in `/p2p/<peer id>`) so Bitswap can ask it for blocks; throws DIAL_FAILED. */
  dial: (address: string, options?: { signal?: AbortSignal }) => Promise<void>;
  /** Closes connections and listeners, then the stores. Idempotent. */
  stop: () => Promise<void>;
};

export type StartIpfsNodeErrorType = IpfsError;

function createNode(blockstore: FsBlockstore, datastore: FsDatastore, listen: string[]) {
  return createHelia({
    blockstore,
    datastore,
    // createHelia always adds the HTTP layer; with no delegated routers and no gateways it has nothing
    // to ask (its trustless-gateway broker only uses providers with HTTP addresses, which no router
    // here returns).
    http: { delegatedRouters: [], recursiveGateways: [] },
    libp2p: {
      // 'replace' drops Helia's defaults key by key: transports, encrypters, muxers, discovery (public
      // bootstrap list, mDNS) and services (DHT, AutoNAT, UPnP, relay, delegated routing) all go.
      config: 'replace',
      addresses: { listen },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      peerDiscovery: [],
      services: { identify: identify() },
    },
  });
}

/** Opens the stores under `directory`, starts Helia and libp2p, and dials the bootstrap peers. */
export async function startIpfsNode(parameters: StartIpfsNodeParameters): Promise<IpfsNode> {
  const { directory, logger } = parameters;
  const listen = parameters.listen ?? DEFAULT_IPFS_LISTEN;
  const bootstrap = (parameters.bootstrap ?? []).map((address) => parseMultiaddr(address, 'bootstrap'));
  for (const address of listen) parseMultiaddr(address, 'listen');

  const blockstore = new FsBlockstore(join(directory, 'blocks'));
  const datastore = new FsDatastore(join(directory, 'datastore'));
  try {
    await mkdir(directory, { recursive: true });
    await blockstore.open();
    await datastore.open();
  } catch (error) {
    throw new IpfsError('START_FAILED', `cannot open the IPFS stores under ${directory}`, { cause: error });
  }

  const helia = createNode(blockstore, datastore, listen);
  try {
    await helia.start();
  } catch (error) {
    // A half-started node still holds listeners and timers; stop it so the process can exit.
    await helia.stop().catch(() => {});
    await closeStores(blockstore, datastore);
    throw toStartError(error, listen);
  }

  const libp2p = helia.libp2p;
  const node: IpfsNode = {
    helia,
    blockstore: helia.blockstore,
    pins: helia.pins,
    peerId: libp2p.peerId.toString(),
    multiaddrs: () => libp2p.getMultiaddrs().map((address) => address.toString()),
    dial: async (address, options = {}) => {
      const target = parseMultiaddr(address, 'dial');
      try {
        await libp2p.dial(target, { signal: options.signal });
      } catch (error) {
        throw new IpfsError('DIAL_FAILED', `cannot connect to ${address}`, { cause: error });
      }
    },
    stop: stopOnce(async () => {
      await helia.stop();
      await closeStores(blockstore, datastore);
      logger.info({ peerId: node.peerId }, 'ipfs node stopped');
    }),
  };

  const dialTimeoutMs = parameters.bootstrapDialTimeoutMs ?? DEFAULT_BOOTSTRAP_DIAL_TIMEOUT_MS;
  await Promise.all(
    bootstrap.map(async (target) => {
      const peerId = target.getComponents().findLast((component) => component.name === 'p2p')?.value;
      try {
        // The tag makes libp2p redial this peer whenever the connection drops (and after a restart).
        const connection = await libp2p.dial(target, { signal: AbortSignal.timeout(dialTimeoutMs) });
        await libp2p.peerStore.merge(connection.remotePeer, { tags: { [BOOTSTRAP_PEER_TAG]: { value: 50 } } });
      } catch (error) {
        logger.warn({ peer: target.toString(), peerId, error: (error as Error).message }, 'ipfs bootstrap peer unreachable');
      }
    }),
  );

  logger.info({ peerId: node.peerId, multiaddrs: node.multiaddrs(), peers: libp2p.getPeers().length }, 'ipfs node started');
  return node;
}

function parseMultiaddr(address: string, role: string): Multiaddr {
  try {
    return multiaddr(address);
  } catch (error) {
    throw new IpfsError('INVALID_MULTIADDR', `invalid ${role} multiaddr ${JSON.stringify(address)}`, { cause: error });
  }
}

function toStartError(error: unknown, listen: string[]): IpfsError {
  // libp2p folds each listener's failure into one message (UnsupportedListenAddressesError) without a
  // cause, so the only trace of EADDRINUSE is in the text.
  const message = error instanceof Error ? error.message : String(error);
  if (/EADDRINUSE/.test(message)) {
    return new IpfsError('PORT_IN_USE', `an IPFS listen address is already in use (${listen.join(', ')}); set another port or stop the other process`, {
      cause: error,
    });
  }
  return new IpfsError('START_FAILED', `the IPFS node could not start: ${message}`, { cause: error });
}

async function closeStores(blockstore: FsBlockstore, datastore: FsDatastore): Promise<void> {
  await Promise.allSettled([blockstore.close(), datastore.close()]);
}

function stopOnce(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stop());
}
