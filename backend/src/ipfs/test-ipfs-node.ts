// An IPFS node for tests: its own temporary directory, a loopback listener on a free port (or none),
// silent logs. `remove()` stops the node and deletes the directory; call it in `after`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../service/logger.ts';
import { type IpfsNode, type StartIpfsNodeParameters, startIpfsNode } from './start-ipfs-node.ts';

export type TestIpfsNode = IpfsNode & { directory: string; remove: () => Promise<void> };

export const silentLogger = createLogger({ service: 'ipfs-test', level: 'silent' });

export async function startTestIpfsNode(parameters: Partial<StartIpfsNodeParameters> = {}): Promise<TestIpfsNode> {
  const directory = parameters.directory ?? (await mkdtemp(join(tmpdir(), 'cr8-ipfs-')));
  let node: IpfsNode;
  try {
    node = await startIpfsNode({ listen: ['/ip4/127.0.0.1/tcp/0'], logger: silentLogger, ...parameters, directory });
  } catch (error) {
    if (parameters.directory === undefined) await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    ...node,
    directory,
    remove: async () => {
      await node.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
