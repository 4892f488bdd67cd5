import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { buildProgram } from './program.ts';

const run = promisify(execFile);
const cr8 = fileURLToPath(new URL('../../bin/cr8', import.meta.url));

/** Every command path of the CLI, e.g. ['contracts', 'deploy']. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

test('every cr8 command answers --help with its own usage', async () => {
  const paths = commandPaths(buildProgram());
  assert.ok(paths.some((p) => p.join(' ') === 'dev'));
  assert.ok(paths.some((p) => p.join(' ') === 'contracts deploy'));
  for (const path of [[], ...paths]) {
    const { stdout } = await run(cr8, [...path, '--help']);
    assert.match(stdout, new RegExp(`Usage: cr8${path.length ? ` ${path.join(' ')}` : ''}`), `no usage for ${path.join(' ')}`);
  }
});

test('cr8 rejects an unknown command and bad option values with a non-zero exit', async () => {
  await assert.rejects(run(cr8, ['no-such-command']), (error: { code?: number; stderr?: string }) => {
    return error.code !== 0 && /unknown command/.test(error.stderr ?? '');
  });
  await assert.rejects(run(cr8, ['dev', '--port', 'not-a-port']), (error: { code?: number; stderr?: string }) => {
    return error.code !== 0 && /port number/.test(error.stderr ?? '');
  });
});

test('cr8 contracts deploy refuses to run without DEPLOYER_PRIVATE_KEY', async () => {
  const env = { ...process.env };
  delete env.DEPLOYER_PRIVATE_KEY;
  await assert.rejects(run(cr8, ['contracts', 'deploy', '--rpc-url', 'http://127.0.0.1:1'], { env }), (error: { stderr?: string }) =>
    /DEPLOYER_PRIVATE_KEY/.test(error.stderr ?? ''),
  );
});
