import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../service/config.ts';
import { ipfsConfigSchema } from './config.ts';

test('defaults: loopback listen, no bootstrap peers, 10 s, 1 MiB objects, 64 KiB cards', () => {
  assert.deepEqual(loadConfig('ipfs', ipfsConfigSchema, { IPFS_DIR: '/var/lib/cr8/ipfs' }), {
    IPFS_DIR: '/var/lib/cr8/ipfs',
    IPFS_LISTEN: ['/ip4/127.0.0.1/tcp/4001'],
    IPFS_BOOTSTRAP: [],
    IPFS_GET_TIMEOUT_MS: 10_000,
    IPFS_MAX_OBJECT_BYTES: 1_048_576,
    IPFS_MAX_CARD_BYTES: 65_536,
  });
});

test('lists are comma-separated multiaddrs; bootstrap peers need their peer id', () => {
  const peer = '/ip4/10.0.0.2/tcp/4001/p2p/12D3KooWHtkX8oL7XCnsL3iLUM7RzskcCpzKTi5ekbdA6xGo83tM';
  const config = loadConfig('ipfs', ipfsConfigSchema, { IPFS_DIR: 'data', IPFS_LISTEN: '/ip4/0.0.0.0/tcp/4001, /ip6/::/tcp/4001', IPFS_BOOTSTRAP: peer });
  assert.deepEqual(config.IPFS_LISTEN, ['/ip4/0.0.0.0/tcp/4001', '/ip6/::/tcp/4001']);
  assert.deepEqual(config.IPFS_BOOTSTRAP, [peer]);

  assert.throws(
    () => loadConfig('ipfs', ipfsConfigSchema, { IPFS_LISTEN: 'tcp:4001', IPFS_BOOTSTRAP: '/ip4/10.0.0.2/tcp/4001', IPFS_GET_TIMEOUT_MS: '0' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.issues.map((issue) => issue.variable).sort(), ['IPFS_BOOTSTRAP', 'IPFS_DIR', 'IPFS_GET_TIMEOUT_MS', 'IPFS_LISTEN']);
      return true;
    },
  );
});
