import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { computeGenesisHash } from './genesis-hash/genesis-hash.ts';
import { DEFAULT_GENESIS_PATH } from './commands.ts';

const run = promisify(execFile);
const cr8 = fileURLToPath(new URL('../../bin/cr8', import.meta.url));

test('cr8 genesis hash prints the hash and state root of the committed genesis', async () => {
  const { stdout } = await run(cr8, ['genesis', 'hash', DEFAULT_GENESIS_PATH]);
  const expected = await computeGenesisHash(JSON.parse(await readFile(DEFAULT_GENESIS_PATH, 'utf8')));
  assert.deepEqual(JSON.parse(stdout), { hash: expected.hash, stateRoot: expected.stateRoot });
});

test('cr8 genesis hash and inject refuse unreadable or malformed files with a code', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cr8-genesis-cli-'));
  try {
    const notJson = join(dir, 'bad.json');
    await writeFile(notJson, '{ not json');
    const notGenesis = join(dir, 'empty.json');
    await writeFile(notGenesis, '{}');
    const cases: Array<[string[], RegExp]> = [
      [['genesis', 'hash', join(dir, 'missing.json')], /error \[UNREADABLE_FILE\]/],
      [['genesis', 'hash', notJson], /error \[INVALID_JSON\]/],
      [['genesis', 'hash', notGenesis], /error \[INVALID_GENESIS\]/],
      [['genesis', 'inject', '--base', notGenesis, '--out', join(dir, 'out.json')], /error \[INVALID_GENESIS\]/],
    ];
    for (const [args, message] of cases)
      await assert.rejects(run(cr8, args), (error: { code?: number; stderr?: string }) => error.code === 1 && message.test(error.stderr ?? ''), args.join(' '));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
