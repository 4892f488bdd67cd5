// The group-committed statements (load, claim, success) with many executions per statement: what must
// hold per execution holds inside a group too (execution-worker.test.ts covers them one at a time).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { claimExecutions, loadExecutions } from './load-execution.ts';
import { recordSuccesses, type RecordSuccessParameters } from './record-outcome.ts';
import { createExecutionTestSetup, type ExecutionTestSetup, ORCHESTRATOR } from './test-execution-setup.ts';

let t: ExecutionTestSetup;
before(async () => {
  t = await createExecutionTestSetup();
});
after(async () => {
  await t.close();
});

const claimOf = (executionId: string, payer: `0x${string}` | null, reserveWei = 1_000n) => ({ executionId, payer, orchestrator: ORCHESTRATOR, reserveWei, previousReservedWei: 0n });
const successOf = (executionId: string, attempt: number, payer: `0x${string}`, costWei = 1_000n): RecordSuccessParameters => ({
  executionId,
  attempt,
  payer,
  onchainAgentId: null,
  outputJson: '{"ok":true}',
  outputHash: `0x${'11'.repeat(32)}`,
  gpuMilliseconds: 0,
  costWei,
  logs: '',
  cached: false,
});

test('one load: executions in the order asked, null for an unknown id', async () => {
  const agent = await t.agent({ feeWei: 1_000n });
  const payer = await t.user();
  const [a, b] = [await t.execution(agent, payer.id, { n: 1 }), await t.execution(agent, payer.id, { n: 2 })];
  const unknown = randomUUID();
  const loaded = await loadExecutions(t.db, [b, unknown, a.toUpperCase()]);
  assert.deepEqual(
    loaded.map((execution) => execution && [execution.id, execution.payer, execution.feeWei]),
    [[b, payer.wallet, 1_000n], null, [a, payer.wallet, 1_000n]],
  );
});

test('one claim group: each payer is reserved in order while the authorization covers it; repeats and unknowns are not claimable', async () => {
  const agent = await t.agent({ feeWei: 1_000n });
  const [p, q, broke] = [await t.user(), await t.user(), await t.user()];
  await t.authorize(p.wallet, 2_500n);
  await t.authorize(q.wallet, 1_000n);
  const ps = [await t.execution(agent, p.id, { n: 1 }), await t.execution(agent, p.id, { n: 2 }), await t.execution(agent, p.id, { n: 3 })];
  const qs = await t.execution(agent, q.id, { n: 4 });
  const unpaid = await t.execution(agent, broke.id, { n: 5 });
  const answers = await claimExecutions(t.db, [claimOf(ps[0]!, p.wallet), claimOf(qs, q.wallet), claimOf(ps[1]!, p.wallet), claimOf(ps[0]!, p.wallet), claimOf(ps[2]!, p.wallet), claimOf(unpaid, broke.wallet), claimOf(randomUUID(), p.wallet)]);
  assert.deepEqual(answers, [
    { claimed: true, attempt: 1 },
    { claimed: true, attempt: 1 },
    { claimed: true, attempt: 1 },
    { claimed: false, reason: 'not_claimable' }, // the same execution again
    { claimed: false, reason: 'payment_required' }, // 3,000 > 2,500
    { claimed: false, reason: 'payment_required' }, // no authorization at all
    { claimed: false, reason: 'not_claimable' }, // no such execution
  ]);
  assert.deepEqual(await t.channel(p.wallet), { charged_wei: '0', reserved_wei: '2000' });
  assert.deepEqual(await t.channel(q.wallet), { charged_wei: '0', reserved_wei: '1000' });
  assert.deepEqual(await t.channel(broke.wallet), { charged_wei: '0', reserved_wei: '0' });
  assert.equal((await t.row(ps[2]!)).status, 'queued');
  assert.equal((await t.row(unpaid)).status, 'queued');
  // A free execution (nothing to reserve) is claimed without any authorization.
  const free = await t.execution(agent, broke.id, { n: 6 });
  assert.deepEqual(await claimExecutions(t.db, [claimOf(free, broke.wallet, 0n)]), [{ claimed: true, attempt: 1 }]);
});

test('one success group: each payer is charged the sum, receipts chain its cumulative charge in order; stale attempts record nothing', async () => {
  const agent = await t.agent({ feeWei: 1_000n, onchainId: 77 });
  const [p, q] = [await t.user(), await t.user()];
  await t.authorize(p.wallet, 10_000n);
  await t.authorize(q.wallet, 10_000n);
  const ps = [await t.execution(agent, p.id, { n: 1 }), await t.execution(agent, p.id, { n: 2 }), await t.execution(agent, p.id, { n: 3 })];
  const qs = await t.execution(agent, q.id, { n: 4 });
  const claims = await claimExecutions(t.db, [...ps.map((id) => claimOf(id, p.wallet)), claimOf(qs, q.wallet)]);
  assert.ok(claims.every((claim) => claim.claimed));
  const withAgent = (parameters: RecordSuccessParameters) => ({ ...parameters, onchainAgentId: '77' });
  const recorded = await recordSuccesses(t.db, [
    withAgent(successOf(ps[1]!, 1, p.wallet)),
    withAgent(successOf(qs, 1, q.wallet, 600n)),
    withAgent(successOf(ps[0]!, 1, p.wallet)),
    withAgent(successOf(ps[2]!, 2, p.wallet)), // not its attempt: a newer one owns it, or none
    withAgent(successOf(ps[1]!, 1, p.wallet)), // the same attempt twice
  ]);
  assert.deepEqual(recorded, [
    { recorded: true, costWei: 1_000n, receipt: { payerCumulativeWei: 1_000n } },
    { recorded: true, costWei: 600n, receipt: { payerCumulativeWei: 600n } },
    { recorded: true, costWei: 1_000n, receipt: { payerCumulativeWei: 2_000n } },
    { recorded: false },
    { recorded: false },
  ]);
  // p: two charged, the third still running with its reservation; q: charged 600 of its 1,000 bound.
  assert.deepEqual(await t.channel(p.wallet), { charged_wei: '2000', reserved_wei: '1000' });
  assert.deepEqual(await t.channel(q.wallet), { charged_wei: '600', reserved_wei: '0' });
  assert.equal((await t.row(ps[2]!)).status, 'running');
  assert.deepEqual(
    [(await t.receipts(ps[1]!))[0]!.payer_cumulative_wei, (await t.receipts(ps[0]!))[0]!.payer_cumulative_wei, (await t.receipts(ps[2]!)).length],
    ['1000', '2000', 0],
  );
  // The running one settles later, continuing p's chain.
  assert.deepEqual(await recordSuccesses(t.db, [withAgent(successOf(ps[2]!, 1, p.wallet))]), [{ recorded: true, costWei: 1_000n, receipt: { payerCumulativeWei: 3_000n } }]);
});

test('two attempts of one execution in one success group (the first presumed lost, then both finish): the newer one records it', async () => {
  const agent = await t.agent({ feeWei: 1_000n, onchainId: 78 });
  const payer = await t.user();
  await t.authorize(payer.wallet, 10_000n);
  const executionId = await t.execution(agent, payer.id, { n: 1 });
  assert.deepEqual(await claimExecutions(t.db, [claimOf(executionId, payer.wallet)]), [{ claimed: true, attempt: 1 }]);
  // Attempt 2 takes over (as after a Redis restart, its job given back while attempt 1 still runs).
  await t.db.query("UPDATE agent_executions SET attempts = 2 WHERE id = $1", [executionId]);
  const withAgent = (parameters: RecordSuccessParameters) => ({ ...parameters, onchainAgentId: '78' });
  // The stale attempt first in the group, as it happened: it used to shadow the newer one.
  assert.deepEqual(await recordSuccesses(t.db, [withAgent(successOf(executionId, 1, payer.wallet)), withAgent(successOf(executionId, 2, payer.wallet))]), [
    { recorded: false },
    { recorded: true, costWei: 1_000n, receipt: { payerCumulativeWei: 1_000n } },
  ]);
  assert.equal((await t.row(executionId)).status, 'succeeded');
  assert.equal((await t.receipts(executionId)).length, 1);
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });
});
