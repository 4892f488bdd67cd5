// The indexer against a real CR8 L3 (anvil from genesis.json, transactions on the real predeploys) and
// the machine's real PostgreSQL (a fresh database per test). The database is always compared with an
// independent account of the chain (canonicalCr8LogKeys: eth_getLogs on the addresses the registry
// itself reports), never with what the indexer believes.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { agentRegistryAbi, agentTokenAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import pg from 'pg';
import { Registry } from 'prom-client';
import { type Address, createClient, custom, encodeFunctionData, type Hex } from 'viem';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { createLogger } from '../service/logger.ts';
import { createIndexer, type IndexerOptions } from './create-indexer.ts';
import { createRpcClient } from './create-rpc-client.ts';
import { ChainMismatchError, CursorConflictError, DatabaseFailedError } from './errors.ts';
import { CARD_URI, canonicalCr8LogKeys, startTestL3, type TestL3 } from './test-l3.ts';

const logger = createLogger({ service: 'indexer-test', level: 'silent' });
const RECIPIENT = '0x00000000000000000000000000000000000c0ffe' as Address;

async function setUp(t: TestContext): Promise<{ l3: TestL3; db: pg.Pool }> {
  const database = await createTestDatabase('cr8_indexer');
  await migrate({ databaseUrl: database.url });
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  const l3 = await startTestL3();
  t.after(async () => {
    await l3.stop();
    await db.end();
    await database.drop();
  });
  return { l3, db };
}

function indexerFor(l3: TestL3, db: pg.Pool, options: Partial<IndexerOptions> = {}) {
  return createIndexer({ client: l3.client, db, logger, pollMs: 50, ...options });
}

async function storedLogKeys(db: pg.Pool): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>("SELECT block_number || ':' || log_index || ':' || block_hash AS key FROM chain_events");
  return rows.map((row) => row.key).sort();
}

async function cursorRow(db: pg.Pool) {
  return (await db.query<{ block_number: string; block_hash: string }>('SELECT block_number, block_hash FROM indexer_cursors')).rows[0];
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const registerCall = (from: Address) => ({
  from,
  to: predeployAddress.AgentRegistry,
  data: encodeFunctionData({ abi: agentRegistryAbi, functionName: 'register', args: [CARD_URI] }),
  gas: '0x7a1200',
});
const transferCall = (from: Address, token: Address, amount: bigint) => ({
  from,
  to: token,
  data: encodeFunctionData({ abi: agentTokenAbi, functionName: 'transfer', args: [RECIPIENT, amount] }),
  gas: '0x30d40',
});

test('backfill: every CR8 contract event of real transactions, decoded, the new token included from its registration block', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const first = await l3.registerAgent(1);
  const second = await l3.registerAgent(2);
  await l3.transferToken(first.token, 1, RECIPIENT, 5n * 10n ** 18n);
  await l3.transferToken(second.token, 2, RECIPIENT, 7n);

  const indexer = await indexerFor(l3, db);
  await indexer.catchUp();

  const chainKeys = await canonicalCr8LogKeys(l3);
  assert.ok(chainKeys.length >= 14, `expected the registrations and transfers to emit events, got ${chainKeys.length}`);
  assert.deepEqual(await storedLogKeys(db), chainKeys);

  const registered = await db.query('SELECT contract, args, agent_id, tx_hash FROM chain_events WHERE event_name = $1 ORDER BY block_number', ['AgentRegistered']);
  assert.equal(registered.rows.length, 2);
  assert.equal(registered.rows[0].contract, predeployAddress.AgentRegistry.toLowerCase());
  assert.equal(registered.rows[0].tx_hash, first.transactionHash.toLowerCase());
  assert.equal(registered.rows[0].agent_id, '1');
  assert.deepEqual(
    { agentId: registered.rows[0].args.agentId, creator: registered.rows[0].args.creator, token: registered.rows[0].args.token, tokenSupply: registered.rows[0].args.tokenSupply },
    { agentId: '1', creator: l3.accounts[1]!.address.toLowerCase(), token: first.token.toLowerCase(), tokenSupply: (10n ** 27n).toString() },
  );

  // The token's mint happens in the registration transaction before AgentRegistered names the token.
  const mints = await db.query('SELECT args, agent_id FROM chain_events WHERE contract = $1 AND block_number = $2 AND event_name = $3', [
    second.token.toLowerCase(),
    second.blockNumber.toString(),
    'Transfer',
  ]);
  assert.equal(mints.rows.length, 2, 'the creator and market mints of the second token');
  assert.ok(mints.rows.every((row) => row.agent_id === '2' && row.args.from === '0x0000000000000000000000000000000000000000'));
  const transfer = await db.query("SELECT args FROM chain_events WHERE contract = $1 AND args->>'to' = $2", [first.token.toLowerCase(), RECIPIENT]);
  assert.deepEqual(transfer.rows[0]?.args, { from: l3.accounts[1]!.address.toLowerCase(), to: RECIPIENT, value: (5n * 10n ** 18n).toString() });
  // The registry's ERC-721 Transfer shares topic0 with ERC-20 Transfer; decoded with the registry's ABI.
  const agentMint = await db.query("SELECT args, agent_id FROM chain_events WHERE contract = $1 AND event_name = 'Transfer' ORDER BY block_number LIMIT 1", [
    predeployAddress.AgentRegistry.toLowerCase(),
  ]);
  assert.deepEqual(agentMint.rows[0], { args: { from: '0x0000000000000000000000000000000000000000', to: l3.accounts[1]!.address.toLowerCase(), tokenId: '1' }, agent_id: '1' });

  // Every event block and the range end are recorded with the chain's hashes; the cursor is the head.
  const head = await l3.publicClient.getBlock();
  const blocks = await db.query<{ number: string; hash: string; parent_hash: string }>('SELECT number, hash, parent_hash FROM indexed_blocks ORDER BY number');
  assert.deepEqual(
    blocks.rows.map((row) => row.number),
    ['1', '2', '3', '4'],
  );
  const last = blocks.rows.at(-1)!;
  assert.equal(last.hash, head.hash);
  assert.equal(last.parent_hash, head.parentHash);
  assert.deepEqual(await cursorRow(db), { block_number: head.number.toString(), block_hash: head.hash });
  assert.equal(await indexer.metrics.events.get().then((metric) => metric.values[0]?.value), chainKeys.length);
});

test('confirmations: blocks within the confirmation depth wait until they are deep enough', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const agent = await l3.registerAgent(1);
  await l3.transferToken(agent.token, 1, RECIPIENT, 1n);
  await l3.transferToken(agent.token, 1, RECIPIENT, 2n);
  const indexer = await indexerFor(l3, db, { confirmations: 2 });
  await indexer.catchUp();
  assert.equal((await cursorRow(db))?.block_number, '1');
  assert.equal((await db.query("SELECT count(*)::int AS n FROM chain_events WHERE block_number > 1")).rows[0].n, 0);
  await l3.rpc('anvil_mine', ['0x2']);
  await indexer.catchUp();
  assert.equal((await cursorRow(db))?.block_number, '3');
  assert.equal((await db.query("SELECT count(*)::int AS n FROM chain_events WHERE contract = $1 AND block_number IN (2, 3)", [agent.token.toLowerCase()])).rows[0].n, 2);
});

test('resume: a restarted indexer continues from the cursor, with the tokens it knew; nothing missed, nothing twice', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const first = await l3.registerAgent(1);
  await l3.transferToken(first.token, 1, RECIPIENT, 1n);
  const before = await indexerFor(l3, db, { batchBlocks: 1 });
  await before.catchUp();
  const cursorBefore = await cursorRow(db);
  assert.equal(cursorBefore?.block_number, '2');

  // While "stopped": the known token moves again and a second agent appears.
  await l3.transferToken(first.token, 1, RECIPIENT, 2n);
  const second = await l3.registerAgent(2);
  await l3.transferToken(second.token, 2, RECIPIENT, 3n);
  await l3.transferToken(first.token, 1, RECIPIENT, 4n);

  const after = await indexerFor(l3, db, { batchBlocks: 2 });
  assert.deepEqual(after.cursor, { blockNumber: 2n, blockHash: cursorBefore!.block_hash });
  assert.equal(after.agentTokens.get(first.token.toLowerCase() as Address), '1', 'the token known before the restart is reloaded');
  await after.catchUp();
  const stored = await storedLogKeys(db);
  assert.deepEqual(stored, await canonicalCr8LogKeys(l3));
  assert.equal(new Set(stored).size, stored.length);
  const firstTokenTransfers = await db.query("SELECT args->>'value' AS value FROM chain_events WHERE contract = $1 AND args->>'to' = $2 ORDER BY block_number", [
    first.token.toLowerCase(),
    RECIPIENT,
  ]);
  assert.deepEqual(
    firstTokenTransfers.rows.map((row) => row.value),
    ['1', '2', '4'],
  );
});

test('reorg at the same height (anvil_reorg): the orphaned branch leaves no event, the new branch is indexed', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const first = await l3.registerAgent(1);
  const orphanedTransfer = await l3.transferToken(first.token, 1, RECIPIENT, 11n);
  const orphanedAgent = await l3.registerAgent(2);
  const metrics = new Registry();
  const indexer = await indexerFor(l3, db, { metrics });
  await indexer.catchUp();
  assert.equal(indexer.agentTokens.size, 2);
  const orphanedHashes = (await db.query<{ hash: string }>('SELECT hash FROM indexed_blocks WHERE number >= $1', [orphanedTransfer.blockNumber.toString()])).rows.map((row) => row.hash);
  assert.equal(orphanedHashes.length, 2);

  // Replace the last two blocks: the new branch registers another agent and moves other amounts.
  const creator3 = l3.accounts[3]!.address;
  const creator1 = l3.accounts[1]!.address;
  await l3.rpc('anvil_reorg', [2, [[registerCall(creator3), 0], [transferCall(creator1, first.token, 22n), 1]]]);
  const headAfterReorg = await l3.publicClient.getBlock();
  assert.equal(headAfterReorg.number, 3n, 'same height after the reorg');

  assert.equal(await indexer.step(), 'rolled-back');
  await indexer.catchUp();

  assert.deepEqual(await storedLogKeys(db), await canonicalCr8LogKeys(l3));
  const stale = await db.query('SELECT count(*)::int AS n FROM chain_events WHERE block_hash = ANY($1) OR tx_hash = $2', [orphanedHashes, orphanedAgent.transactionHash.toLowerCase()]);
  assert.equal(stale.rows[0].n, 0, 'an event of an orphaned block survived');
  const amounts = await db.query("SELECT args->>'value' AS value FROM chain_events WHERE contract = $1 AND args->>'to' = $2", [first.token.toLowerCase(), RECIPIENT]);
  assert.deepEqual(
    amounts.rows.map((row) => row.value),
    ['22'],
  );
  const registrations = await db.query("SELECT args->>'creator' AS creator FROM chain_events WHERE event_name = 'AgentRegistered' ORDER BY block_number");
  assert.deepEqual(
    registrations.rows.map((row) => row.creator),
    [creator1.toLowerCase(), creator3.toLowerCase()],
  );
  // Every stored block is the chain's block at that height.
  for (const row of (await db.query<{ number: string; hash: string }>('SELECT number, hash FROM indexed_blocks')).rows)
    assert.equal((await l3.publicClient.getBlock({ blockNumber: BigInt(row.number) })).hash, row.hash);
  assert.equal(indexer.agentTokens.size, 2, 'the orphaned registration is forgotten, the new one known');
  assert.match(await metrics.metrics(), /cr8_indexer_reorgs_total 1\b/);
});

test('reorg to a shorter chain (evm_revert) and then a longer different branch', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const agent = await l3.registerAgent(1);
  const snapshot = await l3.rpc<Hex>('evm_snapshot');
  for (const amount of [1n, 2n, 3n]) await l3.transferToken(agent.token, 1, RECIPIENT, amount);
  const indexer = await indexerFor(l3, db);
  await indexer.catchUp();
  assert.equal(indexer.cursor?.blockNumber, 4n);

  assert.equal(await l3.rpc('evm_revert', [snapshot]), true);
  assert.equal(await indexer.step(), 'rolled-back', 'the cursor block no longer exists');
  assert.equal(indexer.cursor?.blockNumber, 1n);
  assert.deepEqual(await storedLogKeys(db), await canonicalCr8LogKeys(l3));

  for (const amount of [40n, 50n, 60n, 70n]) await l3.transferToken(agent.token, 1, RECIPIENT, amount);
  await indexer.catchUp();
  assert.deepEqual(await storedLogKeys(db), await canonicalCr8LogKeys(l3));
  const amounts = await db.query("SELECT args->>'value' AS value FROM chain_events WHERE args->>'to' = $1 ORDER BY block_number", [RECIPIENT]);
  assert.deepEqual(
    amounts.rows.map((row) => row.value),
    ['40', '50', '60', '70'],
  );
});

test('follow mode: new blocks are indexed within a poll, a reorg while running converges, metrics and stop()', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const metrics = new Registry();
  const indexer = await indexerFor(l3, db, { metrics, pollMs: 25 });
  const running = indexer.run();
  const atHead = async () => indexer.cursor?.blockNumber === (await l3.publicClient.getBlockNumber());
  const converged = async () => (await atHead()) && JSON.stringify(await storedLogKeys(db)) === JSON.stringify(await canonicalCr8LogKeys(l3));
  try {
    const agent = await l3.registerAgent(1);
    await l3.transferToken(agent.token, 1, RECIPIENT, 1n);
    await l3.transferToken(agent.token, 1, RECIPIENT, 2n);
    await waitFor('the indexer to reach the head', converged);
    assert.deepEqual(indexer.health(), { ok: true });

    await l3.rpc('anvil_reorg', [2, [[transferCall(l3.accounts[1]!.address, agent.token, 99n), 0]]]);
    await l3.transferToken(agent.token, 1, RECIPIENT, 3n);
    await waitFor('the indexer to converge on the new branch', converged);
    const amounts = await db.query("SELECT args->>'value' AS value FROM chain_events WHERE args->>'to' = $1 ORDER BY block_number", [RECIPIENT]);
    assert.deepEqual(
      amounts.rows.map((row) => row.value),
      ['99', '3'],
    );
  } finally {
    await indexer.stop();
  }
  await running;
  assert.equal(indexer.health().ok, false, 'a stopped indexer is not ready');
  const text = await metrics.metrics();
  const head = await l3.publicClient.getBlockNumber();
  assert.match(text, new RegExp(`cr8_indexer_head_block ${head}\\b`));
  assert.match(text, new RegExp(`cr8_indexer_indexed_block ${head}\\b`));
  assert.match(text, /cr8_indexer_lag_blocks 0\b/);
  assert.match(text, /cr8_indexer_reorgs_total [1-9]/);
  const events = Number(/cr8_indexer_events_total (\d+)/.exec(text)?.[1]);
  assert.ok(events >= (await storedLogKeys(db)).length, `events_total ${events} is below what was written`);
});

test('a failure in the middle of writing a range leaves nothing of it; the next attempt writes all of it', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const agent = await l3.registerAgent(1);
  const indexer = await indexerFor(l3, db);
  await indexer.catchUp();
  const cursorBefore = await cursorRow(db);
  const eventsBefore = await storedLogKeys(db);
  const blocksBefore = (await db.query('SELECT count(*)::int AS n FROM indexed_blocks')).rows[0].n;

  const second = await l3.registerAgent(2);
  await l3.transferToken(agent.token, 1, RECIPIENT, 5n);
  // PostgreSQL itself fails the write after the cursor, the blocks and earlier events of the range went in.
  await db.query(`CREATE FUNCTION fail_mid_range() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'injected failure at block % log %', NEW.block_number, NEW.log_index; END $$`);
  await db.query(
    `CREATE TRIGGER fail_mid_range BEFORE INSERT ON chain_events FOR EACH ROW
     WHEN (NEW.block_number = ${second.blockNumber} AND NEW.log_index = 3) EXECUTE FUNCTION fail_mid_range()`,
  );
  await assert.rejects(indexer.catchUp(), (error: unknown) => {
    assert.ok(error instanceof DatabaseFailedError);
    assert.match(String((error.cause as Error).message), /injected failure/);
    return true;
  });
  assert.deepEqual(await cursorRow(db), cursorBefore);
  assert.deepEqual(await storedLogKeys(db), eventsBefore);
  assert.equal((await db.query('SELECT count(*)::int AS n FROM indexed_blocks')).rows[0].n, blocksBefore);

  await db.query('DROP TRIGGER fail_mid_range ON chain_events');
  await indexer.catchUp();
  assert.deepEqual(await storedLogKeys(db), await canonicalCr8LogKeys(l3));
});

test('a node that refuses large log queries makes the range shrink until it answers, then grow back', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const agent = await l3.registerAgent(1);
  for (let i = 1n; i <= 6n; i++) await l3.transferToken(agent.token, 1, RECIPIENT, i);
  await l3.rpc('anvil_mine', ['0x40']);
  const inner = createRpcClient(l3.rpcUrl);
  const ranges: Array<{ blocks: bigint; refused: boolean }> = [];
  const client = createClient({
    transport: custom(
      {
        async request({ method, params }: { method: string; params: unknown }) {
          if (method === 'eth_getLogs') {
            const [filter] = params as [{ fromBlock: Hex; toBlock: Hex }];
            const blocks = BigInt(filter.toBlock) - BigInt(filter.fromBlock) + 1n;
            ranges.push({ blocks, refused: blocks > 4n });
            // What geth answers past its result limit.
            if (blocks > 4n) throw Object.assign(new Error('query returned more than 10000 results'), { code: -32005 });
          }
          return inner.request({ method, params } as never);
        },
      },
      { retryCount: 0 },
    ),
  });
  const metrics = new Registry();
  const indexer = await createIndexer({ client, db, logger, metrics, batchBlocks: 64 });
  await indexer.catchUp();
  assert.deepEqual(await storedLogKeys(db), await canonicalCr8LogKeys(l3));
  assert.deepEqual(
    ranges.slice(0, 5).map((range) => range.blocks),
    [64n, 32n, 16n, 8n, 4n],
    'the refused range halves until the node answers',
  );
  assert.ok(ranges.slice(5).some((range) => range.blocks === 8n), 'the range grew back after successes');
  // Blocks 0-71 (genesis, the registration, six transfers, 64 empty blocks), each read once.
  assert.equal(ranges.filter((range) => !range.refused).reduce((sum, range) => sum + range.blocks, 0n), 72n, 'every block was read exactly once');
});

test('a second indexer writing the same cursor is refused instead of interleaving (compare-and-set)', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  await l3.registerAgent(1);
  const one = await indexerFor(l3, db, { batchBlocks: 1 });
  const two = await indexerFor(l3, db, { batchBlocks: 1 });
  assert.equal(await one.step(), 'indexed');
  await assert.rejects(two.step(), CursorConflictError);
  assert.equal((await db.query('SELECT count(*)::int AS n FROM indexed_blocks')).rows[0].n, 1);
});

test('a database whose cursor belongs to another chain is refused at start', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  await db.query("INSERT INTO indexer_cursors (name, chain_id, block_number, block_hash) VALUES ('cr8-contracts', 1, 5, '0x' || repeat('ab', 32))");
  await assert.rejects(indexerFor(l3, db), (error: unknown) => error instanceof ChainMismatchError && /chain 1 .* chain 888008/.test(error.message));
});

test('block markers without events are pruned once they are 1,024 blocks deep; blocks with events stay', { timeout: 60_000 }, async (t) => {
  const { l3, db } = await setUp(t);
  const agent = await l3.registerAgent(1);
  await l3.rpc('anvil_mine', ['0x514']); // 1,300 empty blocks
  await l3.transferToken(agent.token, 1, RECIPIENT, 1n);
  await l3.rpc('anvil_mine', ['0x10']);
  const indexer = await indexerFor(l3, db, { batchBlocks: 100 });
  await indexer.catchUp();
  const cursor = Number(indexer.cursor!.blockNumber);
  const markers = async (where: string) =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM indexed_blocks b WHERE ${where}
         AND NOT EXISTS (SELECT 1 FROM chain_events e WHERE e.chain_id = b.chain_id AND e.block_number = b.number)`,
        [cursor - 1024],
      )
    ).rows[0]!.n;
  assert.equal(await markers('b.number < $1'), 0, 'an old marker without events was kept');
  assert.ok((await markers('b.number >= $1')) >= 10, 'the recent range ends must stay as reorg checkpoints');
  const eventBlocks = await db.query<{ number: string }>('SELECT DISTINCT block_number AS number FROM chain_events ORDER BY 1');
  assert.deepEqual(
    eventBlocks.rows.map((row) => row.number),
    [agent.blockNumber.toString(), (agent.blockNumber + 1301n).toString()],
  );
  assert.equal((await db.query('SELECT count(*)::int AS n FROM indexed_blocks WHERE number = ANY($1)', [eventBlocks.rows.map((row) => row.number)])).rows[0].n, 2);
  assert.deepEqual(await storedLogKeys(db), await canonicalCr8LogKeys(l3));
});
