// The BullMQ execution queue against the real Redis, under a unique prefix per run: one job per
// execution however often it is enqueued, with the retry, priority and retention options, and the
// cancel channel.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { cancelChannel, groupJobId } from './execution-job.ts';
import { type BullmqExecutionQueue, createBullmqExecutionQueue } from './execution-queue-bullmq.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `cr8-test-queue-${randomBytes(6).toString('hex')}`;
let redis: Redis;
let queue: BullmqExecutionQueue;

before(() => {
  redis = new Redis(REDIS_URL);
  queue = createBullmqExecutionQueue({ connection: redis, prefix, attempts: 4, backoffDelayMs: 250 });
});
after(async () => {
  await queue.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const queued = (executionId: string) => ({ executionId, agentId: randomUUID(), onchainAgentId: '1', userId: randomUUID(), inputHash: '0x00' as const, feeWei: '1' });

test('one job per execution, named by it, with retries, backoff and bounded retention', async () => {
  const executionId = randomUUID();
  await Promise.all([queue.enqueue(queued(executionId)), queue.enqueue(queued(executionId)), queue.enqueue(queued(executionId))]);
  assert.equal(await queue.queue.count(), 1);
  const job = (await queue.queue.getJob(executionId))!;
  assert.equal(job.name, 'execute');
  assert.deepEqual(job.data, { executionId });
  assert.equal(job.opts.attempts, 4);
  assert.deepEqual(job.opts.backoff, { type: 'exponential', delay: 250 });
  assert.deepEqual(job.opts.removeOnComplete, { count: 10_000, age: 24 * 3600 });
  assert.equal(job.opts.priority ?? 0, 0);
});

test('a job of its own may carry its own attempts and backoff (a hand-off\'s); bad ones are refused', async () => {
  const executionId = randomUUID();
  await queue.enqueue({ executionId, attempts: 2, backoffDelayMs: 1_000, delayMs: 5_000 });
  const job = (await queue.queue.getJob(executionId))!;
  assert.equal(job.opts.attempts, 2);
  assert.deepEqual(job.opts.backoff, { type: 'exponential', delay: 1_000 });
  assert.equal(await queue.queue.getJobState(executionId), 'delayed');
  await assert.rejects(queue.enqueue({ executionId: randomUUID(), attempts: 0 }), /attempts must be a positive integer/);
  await assert.rejects(queue.enqueue({ executionId: randomUUID(), backoffDelayMs: -1 }), /backoffDelayMs must be at least 0/);
  await assert.rejects(queue.enqueue({ executionId: randomUUID(), delayMs: 1.5 }), /delayMs must be a non-negative integer/);
});

test('one job per group, named after it, carrying its executions, added once; an empty group adds nothing', async () => {
  const groupId = randomUUID();
  const executionIds = [randomUUID(), randomUUID(), randomUUID()];
  const before = await queue.queue.count();
  await Promise.all([queue.enqueueGroup({ groupId, executionIds }), queue.enqueueGroup({ groupId, executionIds })]);
  await queue.enqueueGroup({ groupId: randomUUID(), executionIds: [] });
  assert.equal(await queue.queue.count(), before + 1);
  const job = (await queue.queue.getJob(groupJobId(groupId)))!;
  assert.equal(job.name, 'execute-group');
  assert.deepEqual(job.data, { executionIds });
  assert.equal(job.opts.attempts, 4);
  assert.deepEqual(job.opts.backoff, { type: 'exponential', delay: 250 });
  assert.equal(await queue.queue.getJobState(groupJobId(groupId)), 'waiting');
});

test('priority: 0 stays unprioritized, a larger number is passed to BullMQ, out-of-range is refused', async () => {
  const background = randomUUID();
  await queue.enqueue({ ...queued(background), priority: 10 });
  assert.equal((await queue.queue.getJob(background))!.opts.priority, 10);
  assert.equal(await queue.queue.getJobState(background), 'prioritized');
  await assert.rejects(queue.enqueue({ ...queued(randomUUID()), priority: -1 }), /priority must be an integer/);
  await assert.rejects(queue.enqueue({ ...queued(randomUUID()), priority: 2_097_152 }), /priority must be an integer/);
});

test('signalCancel publishes the execution id on the queue cancel channel', async () => {
  const subscriber = redis.duplicate();
  try {
    await subscriber.subscribe(cancelChannel(prefix, queue.queueName));
    const received = new Promise<string>((resolve) => subscriber.once('message', (_channel: string, message: string) => resolve(message)));
    const executionId = randomUUID();
    await queue.signalCancel(executionId);
    assert.equal(await received, executionId);
  } finally {
    await subscriber.quit();
  }
});
