// The receipts poster on real parts: a CR8 L3 anvil from genesis.json (OrchestratorRegistry, CreditVault
// and ExecutionReceipts are predeploys), PostgreSQL, real payer signatures. Receipts are written to the
// database directly here (the worker that writes them is tested on its own).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import { creditVaultAbi, executionReceiptsAbi, orchestratorRegistryAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import pg from 'pg';
import { type Account, type Address, type Chain, type Hex, type Transport, type WalletClient, createWalletClient, http, keccak256, parseEther, toHex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { localChain } from '@cr8/chain';
import { migrate } from '../../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../db/test-database.ts';
import { startTestL3, type TestL3 } from '../../indexer/test-l3.ts';
import { silentLogger } from '../../ipfs/test-ipfs-node.ts';
import { createReceiptsPoster, PosterError, type ReceiptsPosterOptions } from './receipts-poster.ts';
import { executionIdOf, type Receipt, receiptLeaf, receiptTree } from './receipt.ts';

const FEE = parseEther('0.001');
let l3: TestL3;
let database: TestDatabase;
let db: pg.Pool;
let orchestratorWallet: WalletClient<Transport, Chain, Account>;
let orchestrator: Address;
let agentIds: bigint[];
let agentRows: string[];
let userId: string;
const payerKeys = new Map<Address, Hex>();

async function mined(hash: Hex) {
  const receipt = await l3.publicClient.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success');
  return receipt;
}

/** A payer with a funded channel with the orchestrator and a signed authorization stored for it. */
async function newPayer(parameters: { deposit?: bigint; authorize?: bigint } = {}): Promise<Address> {
  const key = generatePrivateKey();
  const account = privateKeyToAccount(key);
  const payer = account.address.toLowerCase() as Address;
  payerKeys.set(payer, key);
  await l3.rpc('anvil_setBalance', [account.address, toHex(parseEther('10'))]);
  const wallet = createWalletClient({ chain: localChain({ id: l3.chainId, rpcUrl: l3.rpcUrl }), transport: http(l3.rpcUrl), account });
  await mined(await wallet.writeContract({ address: predeployAddress.CreditVault, abi: creditVaultAbi, functionName: 'deposit', args: [orchestrator], value: parameters.deposit ?? parseEther('1') }));
  if (parameters.authorize !== 0n) await authorize(payer, parameters.authorize ?? parseEther('1'));
  return payer;
}

async function authorize(payer: Address, cumulative: bigint) {
  const account = privateKeyToAccount(payerKeys.get(payer)!);
  const signature = await account.signTypedData({
    domain: { name: 'CR8 CreditVault', version: '1', chainId: l3.chainId, verifyingContract: predeployAddress.CreditVault },
    types: { SpendingAuthorization: [{ name: 'payer', type: 'address' }, { name: 'orchestrator', type: 'address' }, { name: 'cumulativeAmount', type: 'uint256' }] },
    primaryType: 'SpendingAuthorization',
    message: { payer: account.address, orchestrator, cumulativeAmount: cumulative },
  });
  await db.query('INSERT INTO payment_authorizations (payer, orchestrator, cumulative_wei, signature) VALUES ($1, $2, $3, $4)', [payer, orchestrator, cumulative.toString(), signature.toLowerCase()]);
}

const cumulativeOf = new Map<Address, bigint>();

/** Writes the receipt of a succeeded execution, as the worker does: the payer's next cumulative. */
async function addReceipt(payer: Address, agent = 0, options: { skipCumulative?: boolean } = {}): Promise<string> {
  const id = randomUUID();
  const cumulative = (cumulativeOf.get(payer) ?? 0n) + FEE;
  cumulativeOf.set(payer, cumulative);
  if (options.skipCumulative) return id; // the receipt a still-open transaction is writing: not visible yet
  await insertReceipt(id, payer, agent, cumulative);
  return id;
}

async function insertReceipt(id: string, payer: Address, agent: number, cumulative: bigint) {
  const inputHash = keccak256(toHex(`input ${id}`));
  await db.query(`INSERT INTO agent_executions (id, agent_id, user_id, status, input, input_hash, output_hash, cost_wei, finished_at) VALUES ($1, $2, $3, 'succeeded', '{}', $4, $5, $6, now())`, [
    id,
    agentRows[agent],
    userId,
    inputHash,
    keccak256(toHex(`output ${id}`)),
    FEE.toString(),
  ]);
  await db.query(
    `INSERT INTO execution_receipts (execution_id, orchestrator, onchain_agent_id, payer, input_hash, output_hash, gpu_seconds, fee_wei, payer_cumulative_wei)
     VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)`,
    [id, orchestrator, agentIds[agent]!.toString(), payer, inputHash, keccak256(toHex(`output ${id}`)), FEE.toString(), cumulative.toString()],
  );
}

function poster(overrides: Partial<ReceiptsPosterOptions> = {}) {
  return createReceiptsPoster({
    db,
    publicClient: l3.publicClient,
    walletClient: orchestratorWallet,
    executionReceipts: predeployAddress.ExecutionReceipts,
    creditVault: predeployAddress.CreditVault,
    maxReceipts: 100,
    intervalMs: 60_000,
    logger: silentLogger,
    ...overrides,
  });
}

async function batchPostedLogs(sequence: bigint) {
  return l3.publicClient.getContractEvents({ address: predeployAddress.ExecutionReceipts, abi: executionReceiptsAbi, eventName: 'BatchPosted', args: { orchestrator, sequence }, fromBlock: 0n });
}

before(async () => {
  [l3, database] = await Promise.all([startTestL3(), createTestDatabase('cr8_poster')]);
  await migrate({ databaseUrl: database.url });
  db = new pg.Pool({ connectionString: database.url, max: 4 });
  const account = privateKeyToAccount(l3.accounts[5]!.privateKey as Hex);
  orchestrator = account.address.toLowerCase() as Address;
  orchestratorWallet = createWalletClient({ chain: localChain({ id: l3.chainId, rpcUrl: l3.rpcUrl }), transport: http(l3.rpcUrl), account });
  const minimumBond = await l3.publicClient.readContract({ address: predeployAddress.OrchestratorRegistry, abi: orchestratorRegistryAbi, functionName: 'MINIMUM_BOND' });
  await mined(
    await orchestratorWallet.writeContract({
      address: predeployAddress.OrchestratorRegistry,
      abi: orchestratorRegistryAbi,
      functionName: 'register',
      value: minimumBond,
      args: [{ gpuModel: toHex('local-cpu', { size: 32 }), gpuCount: 1, vramGbPerGpu: 1, region: toHex('loopback', { size: 32 }), pricePerGpuSecond: 1n, endpoint: 'http://127.0.0.1:4000' }],
    }),
  );
  agentIds = [(await l3.registerAgent(0)).agentId, (await l3.registerAgent(1)).agentId];
  userId = (await db.query<{ id: string }>(`INSERT INTO users (wallet_address) VALUES ('0x${'ab'.repeat(20)}') RETURNING id`)).rows[0]!.id;
  agentRows = [];
  for (const onchainId of agentIds) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO agents (onchain_id, creator_user_id, creator_address, name, status, fee_per_execution) VALUES ($1, $2, '0x${'ab'.repeat(20)}', 'agent', 'registered', $3) RETURNING id`,
      [onchainId.toString(), userId, FEE.toString()],
    );
    agentRows.push(rows[0]!.id);
  }
});

after(async () => {
  await db?.end();
  await Promise.all([l3?.stop(), database?.drop()]);
});

// Every test starts with nothing waiting: earlier tests' receipts are settled or set aside.
beforeEach(async () => {
  await db.query(`DELETE FROM execution_receipts r WHERE batch_sequence IS NULL
                  OR EXISTS (SELECT 1 FROM receipt_batches b WHERE b.orchestrator = r.orchestrator AND b.sequence = r.batch_sequence AND b.status = 'prepared')`);
  await db.query(`DELETE FROM receipt_batches WHERE status = 'prepared'`);
});

test('a due batch settles: the vault charged each payer to its last receipt, the database records the transaction', async () => {
  const [a, b] = [await newPayer(), await newPayer()];
  for (let i = 0; i < 5; i++) await addReceipt(a, i % 2);
  for (let i = 0; i < 3; i++) await addReceipt(b, 1);
  const sequence = await l3.publicClient.readContract({ address: predeployAddress.ExecutionReceipts, abi: executionReceiptsAbi, functionName: 'nextSequence', args: [orchestrator] });

  const result = await poster().tick({ force: true });
  assert.equal(result.kind, 'posted');
  assert.ok(result.kind === 'posted');
  assert.equal(result.receipts, 8);
  assert.equal(result.total, 8n * FEE);
  assert.equal(result.recovered, false);

  const channelA = await l3.publicClient.readContract({ address: predeployAddress.CreditVault, abi: creditVaultAbi, functionName: 'channelOf', args: [a, orchestrator] });
  assert.equal(channelA.charged, 5n * FEE);
  assert.equal(channelA.balance, parseEther('1') - 5n * FEE);
  const batch = await l3.publicClient.readContract({ address: predeployAddress.ExecutionReceipts, abi: executionReceiptsAbi, functionName: 'batchOf', args: [orchestrator, sequence] });
  assert.equal(batch.executions, 8);
  assert.equal(batch.total, 8n * FEE);
  const { rows } = await db.query<{ status: string; tx_hash: string; receipts_root: string }>('SELECT status, tx_hash, receipts_root FROM receipt_batches WHERE orchestrator = $1 AND sequence = $2', [orchestrator, sequence.toString()]);
  assert.deepEqual(rows, [{ status: 'posted', tx_hash: result.txHash, receipts_root: batch.receiptsRoot }]);
  const unbatched = await db.query('SELECT 1 FROM execution_receipts WHERE batch_sequence IS NULL');
  assert.equal(unbatched.rowCount, 0);
});

test('the batch root is the tree the poster proves with: a valid proof reaches the contract\'s charge check', async () => {
  const payer = await newPayer();
  for (let i = 0; i < 3; i++) await addReceipt(payer, 0);
  const result = await poster().tick({ force: true });
  assert.ok(result.kind === 'posted');
  const { rows } = await db.query<{ execution_id: string; payer_cumulative_wei: string; input_hash: Hex; output_hash: Hex }>(
    'SELECT execution_id, payer_cumulative_wei::text, input_hash, output_hash FROM execution_receipts WHERE batch_sequence = $1 ORDER BY payer_cumulative_wei',
    [result.sequence.toString()],
  );
  const receipts: Receipt[] = rows.map((row) => ({ executionId: executionIdOf(row.execution_id), agentId: agentIds[0]!, payer, inputHash: row.input_hash, outputHash: row.output_hash, gpuSeconds: 1n, fee: FEE, payerCumulative: BigInt(row.payer_cumulative_wei) }));
  const tree = receiptTree(receipts);
  const onchainLeaf = await l3.publicClient.readContract({ address: predeployAddress.ExecutionReceipts, abi: executionReceiptsAbi, functionName: 'receiptLeaf', args: [receipts[1]!] });
  assert.equal(onchainLeaf, receiptLeaf(receipts[1]!));
  const charged = [{ payer, chargeTo: 3n * FEE }];
  const prove = (proof: Hex[]) =>
    l3.publicClient.simulateContract({ address: predeployAddress.ExecutionReceipts, abi: executionReceiptsAbi, functionName: 'proveUncharged', args: [orchestrator, result.sequence, receipts[1]!, proof, charged] });
  // The proof verifies, so the contract goes on to find the receipt charged (an honest batch).
  await assert.rejects(prove(tree.getProof(receiptLeaf(receipts[1]!)) as Hex[]), /ReceiptCharged/);
  await assert.rejects(prove(tree.getProof(receiptLeaf(receipts[0]!)) as Hex[]), /InvalidReceiptProof/);
});

test('receipts wait for maxReceipts or intervalMs, then go', async () => {
  const payer = await newPayer();
  await addReceipt(payer);
  assert.deepEqual(await poster({ maxReceipts: 3 }).tick(), { kind: 'waiting', unbatched: 1 });
  await addReceipt(payer);
  await addReceipt(payer);
  const full = await poster({ maxReceipts: 3 }).tick();
  assert.ok(full.kind === 'posted');
  assert.equal(full.receipts, 3);
  await addReceipt(payer);
  await new Promise((resolve) => setTimeout(resolve, 60));
  const due = await poster({ maxReceipts: 3, intervalMs: 50 }).tick();
  assert.ok(due.kind === 'posted');
  assert.equal(due.receipts, 1);
  assert.deepEqual(await poster().tick(), { kind: 'idle' });
});

test('a gap in a payer\'s chain (a receipt still being written) holds the receipts after it, then they settle in order', async () => {
  const payer = await newPayer();
  await addReceipt(payer);
  const missing = await addReceipt(payer, 0, { skipCumulative: true });
  await addReceipt(payer);
  const first = await poster().tick({ force: true });
  assert.ok(first.kind === 'posted');
  assert.equal(first.receipts, 1);
  assert.deepEqual(first.held, [{ payer, receipts: 1, reason: 'gap' }]);
  await insertReceipt(missing, payer, 0, 2n * FEE);
  const second = await poster().tick({ force: true });
  assert.ok(second.kind === 'posted');
  assert.equal(second.receipts, 2);
  const channel = await l3.publicClient.readContract({ address: predeployAddress.CreditVault, abi: creditVaultAbi, functionName: 'channelOf', args: [payer, orchestrator] });
  assert.equal(channel.charged, 3n * FEE);
});

test('a payer without a covering authorization waits; the others settle', async () => {
  const [signed, unsigned] = [await newPayer(), await newPayer({ authorize: 0n })];
  await addReceipt(signed);
  await addReceipt(unsigned);
  const result = await poster().tick({ force: true });
  assert.ok(result.kind === 'posted');
  assert.equal(result.receipts, 1);
  assert.deepEqual(result.held, [{ payer: unsigned, receipts: 1, reason: 'unauthorized' }]);
  await authorize(unsigned, FEE);
  const later = await poster().tick({ force: true });
  assert.ok(later.kind === 'posted');
  assert.equal(later.receipts, 1);
});

test('a poster that dies after preparing a batch, before sending it: the next one sends that batch, once', async () => {
  const payer = await newPayer();
  await addReceipt(payer);
  await addReceipt(payer);
  const crashing = { ...orchestratorWallet, writeContract: async () => Promise.reject(new Error('killed before sending (injected)')) } as typeof orchestratorWallet;
  await assert.rejects(poster({ walletClient: crashing }).tick({ force: true }), PosterError);
  const prepared = await db.query<{ sequence: string }>(`SELECT sequence::text FROM receipt_batches WHERE orchestrator = $1 AND status = 'prepared'`, [orchestrator]);
  assert.equal(prepared.rowCount, 1);

  await addReceipt(payer); // arrives meanwhile: belongs to the next batch, not the prepared one
  const resumed = await poster().tick();
  assert.ok(resumed.kind === 'posted');
  assert.equal(resumed.recovered, true);
  assert.equal(resumed.receipts, 2);
  assert.equal(resumed.sequence, BigInt(prepared.rows[0]!.sequence));
  assert.equal((await batchPostedLogs(resumed.sequence)).length, 1);
  const next = await poster().tick({ force: true });
  assert.ok(next.kind === 'posted');
  assert.equal(next.receipts, 1);
});

/** The orchestrator's wallet in a poster killed right after its transaction left (before recording it). */
function sendThenDie(): typeof orchestratorWallet {
  return {
    ...orchestratorWallet,
    writeContract: async (request: Parameters<typeof orchestratorWallet.writeContract>[0]) => {
      await orchestratorWallet.writeContract(request);
      throw new Error('killed after sending (injected)');
    },
  } as typeof orchestratorWallet;
}

test('a poster that dies after sending, before recording: the next one finds the batch on chain and does not post it again', async () => {
  const payer = await newPayer();
  await addReceipt(payer);
  await assert.rejects(poster({ walletClient: sendThenDie() }).tick({ force: true }), PosterError);
  const recovered = await poster().tick();
  assert.ok(recovered.kind === 'posted');
  assert.equal(recovered.recovered, true);
  assert.equal((await batchPostedLogs(recovered.sequence)).length, 1);
  const { rows } = await db.query<{ status: string; tx_hash: string }>('SELECT status, tx_hash FROM receipt_batches WHERE orchestrator = $1 AND sequence = $2', [orchestrator, recovered.sequence.toString()]);
  assert.deepEqual(rows, [{ status: 'posted', tx_hash: recovered.txHash }]);
});

test('a batch sent before the restart that lands after the new poster asked the chain: sending again reverts, and it is found posted', async () => {
  const payer = await newPayer();
  await addReceipt(payer);
  const before = await l3.publicClient.readContract({ address: predeployAddress.ExecutionReceipts, abi: executionReceiptsAbi, functionName: 'nextSequence', args: [orchestrator] });
  await assert.rejects(poster({ walletClient: sendThenDie() }).tick({ force: true }), PosterError);
  // The restarted poster's first look at the chain predates the block with that transaction.
  let stale = true;
  const lateChain = new Proxy(l3.publicClient, {
    get(target, property, receiver) {
      if (property !== 'readContract') return Reflect.get(target, property, receiver);
      return (request: { functionName: string }) => {
        if (request.functionName === 'nextSequence' && stale) {
          stale = false;
          return Promise.resolve(before);
        }
        return (target.readContract as (request: unknown) => Promise<unknown>)(request);
      };
    },
  });
  const recovered = await poster({ publicClient: lateChain }).tick();
  assert.equal(stale, false, 'the stale answer was used');
  assert.ok(recovered.kind === 'posted');
  assert.equal(recovered.recovered, true);
  assert.equal(recovered.sequence, before);
  assert.equal((await batchPostedLogs(recovered.sequence)).length, 1);
  const { rows } = await db.query<{ status: string; tx_hash: string }>('SELECT status, tx_hash FROM receipt_batches WHERE orchestrator = $1 AND sequence = $2', [orchestrator, recovered.sequence.toString()]);
  assert.deepEqual(rows, [{ status: 'posted', tx_hash: recovered.txHash }]);
});

test('one poster per orchestrator: a second one cannot start while the first runs', async () => {
  const first = poster({ intervalMs: 10_000 });
  await first.start();
  try {
    await assert.rejects(poster().start(), /another receipts poster holds the lock/);
  } finally {
    await first.stop();
  }
  const again = poster();
  await again.start();
  await again.stop();
});
