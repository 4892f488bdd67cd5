import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSandboxCommand, PRLIMIT, resolveExecutable, UNSHARE, v8HeapFlags } from './sandbox-command.ts';

const limits = { memoryLimitMb: 512, isolateNetwork: false };

test('a native command runs under prlimit with RLIMIT_AS, resolved against the sandbox PATH', () => {
  assert.deepEqual(buildSandboxCommand(['sh', '-c', 'true'], '/usr/bin:/bin', limits), { argv: [PRLIMIT, `--as=${512 * 1024 * 1024}`, '--', '/usr/bin/sh', '-c', 'true'] });
});

test('a node command gets V8 heap flags adding up to the limit instead', () => {
  const { argv } = buildSandboxCommand([process.execPath, '/agents/a.ts'], '', limits) as { argv: string[] };
  assert.deepEqual(argv, [process.execPath, '--max-old-space-size=464', '--max-semi-space-size=16', '/agents/a.ts']);
  assert.deepEqual(v8HeapFlags(64), ['--max-old-space-size=58', '--max-semi-space-size=2']);
});

test('network isolation wraps everything in unshare', () => {
  const { argv } = buildSandboxCommand(['sh'], '/usr/bin:/bin', { ...limits, isolateNetwork: true }) as { argv: string[] };
  assert.deepEqual(argv.slice(0, 6), [UNSHARE, '--user', '--map-root-user', '--net', '--', PRLIMIT]);
});

test('resolution follows execvp, minus relative paths', () => {
  assert.equal(resolveExecutable('sh', 'relative/dir:/usr/bin'), '/usr/bin/sh');
  assert.equal(resolveExecutable('sh', undefined), null);
  assert.equal(resolveExecutable('./sh', '/usr/bin'), null);
  assert.equal(resolveExecutable('/usr/bin', '/usr/bin'), null, 'a directory is not a command');
});
