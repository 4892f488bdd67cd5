// What the execution worker's tests share: a fresh database (migrated), Redis under a unique prefix, a
// BullMQ queue, the real local driver (persistent) wrapped to count and shape runs, test agents written
// to a temp dir, an in-memory GPU allocator, and helpers to seed users, agents, authorizations and
// executions and to wait for an execution to settle.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { migrate } from '../../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../db/test-database.ts';
import { encryptSecrets } from '../../secrets/encrypt-secrets.ts';
import { SecretsKey } from '../../secrets/secrets-key.ts';
import { createLogger, type Logger } from '../../service/logger.ts';
import type { ExecutionDriver, GpuRequirement, RunResult } from '../gpu/driver.ts';
import { createLocalDriver } from '../gpu/local/local-driver.ts';
import { type BullmqExecutionQueue, createBullmqExecutionQueue } from '../queue/execution-queue-bullmq.ts';
import type { GpuAllocator } from './gpu-allocator.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ORCHESTRATOR = `0x${'0a'.repeat(20)}` as const;

const serveAgentUrl = pathToFileURL(fileURLToPath(new URL('../agents/serve-agent.ts', import.meta.url))).href;

/** Test agents' sources: `slow` sleeps `sleepMs` then answers its input (and the secret SECRET_WORD when
 *  asked); `malformed` answers without an output. Both exit when the driver's pipe closes (a killed worker). */
const AGENT_SOURCES = {
  slow: `import { serveAgent } from '${serveAgentUrl}';
  import { setTimeout as sleep } from 'node:timers/promises';
  process.stdin.on('end', () => process.exit(0));
  serveAgent(async (input) => {
    if (input && input.sleepMs) await sleep(input.sleepMs);
    return { input, secret: input && input.secret ? process.env.SECRET_WORD : undefined };
  });`,
  malformed: `import { createInterface } from 'node:readline';
  createInterface({ input: process.stdin }).on('line', (line) => {
    const { id } = JSON.parse(line);
    process.stdout.write(JSON.stringify({ id, logs: 'forgot the output' }) + '\\n');
  });`,
} as const;
export type TestAgentName = keyof typeof AGENT_SOURCES;

/** The local driver, wrapped: counts runs per execution and concurrent runs per agent, and can fail an
 *  agent's next runs UNAVAILABLE (a transient backend failure) without running them. */
export type RecordingDriver = ExecutionDriver & {
  runs: Map<string, number>;
  maxInFlight: Map<string, number>;
  /** Agent id → how many of its next runs fail UNAVAILABLE. */
  failRuns: Map<string, number>;
};

export function recordingDriver(inner: ExecutionDriver): RecordingDriver {
  const runs = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const failRuns = new Map<string, number>();
  return {
    runtime: inner.runtime,
    runs,
    maxInFlight,
    failRuns,
    async run(request) {
      runs.set(request.executionId, (runs.get(request.executionId) ?? 0) + 1);
      const failing = failRuns.get(request.agentId) ?? 0;
      if (failing > 0) {
        failRuns.set(request.agentId, failing - 1);
        const now = new Date();
        return { ok: false, code: 'UNAVAILABLE', message: 'the backend blinked', retryable: true, logs: '', startedAt: now, finishedAt: now } satisfies RunResult;
      }
      const now = (inFlight.get(request.agentId) ?? 0) + 1;
      inFlight.set(request.agentId, now);
      maxInFlight.set(request.agentId, Math.max(now, maxInFlight.get(request.agentId) ?? 0));
      try {
        return await inner.run(request);
      } finally {
        inFlight.set(request.agentId, inFlight.get(request.agentId)! - 1);
      }
    },
    close: () => inner.close(),
  };
}

/** GPUs in memory: every lease is placed at once, held `gpuMilliseconds`, priced `costWei`. */
export function fakeGpuAllocator(meter: { gpuMilliseconds: number; costWei: bigint }): GpuAllocator & { leases: { executionId: string; requirement: GpuRequirement; released: boolean }[] } {
  const leases: { executionId: string; requirement: GpuRequirement; released: boolean }[] = [];
  return {
    leases,
    async acquire(executionId, requirement, _priority, signal) {
      if (signal.aborted) throw new Error('cancelled while waiting for GPUs');
      const lease = { executionId, requirement, released: false };
      leases.push(lease);
      return {
        placement: { node: 'test-node', gpuModel: requirement.model ?? 'test-gpu', gpuIndices: Array.from({ length: requirement.count }, (_, index) => index) },
        signal: new AbortController().signal,
        async release() {
          lease.released = true;
          return { ...meter };
        },
      };
    },
  };
}

export type AgentOptions = {
  agent?: TestAgentName | 'echo';
  feeWei?: bigint;
  gpuMultiplierBps?: number;
  onchainId?: number | null;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
};

export type ExecutionTestSetup = {
  db: pg.Pool;
  database: TestDatabase;
  redis: Redis;
  prefix: string;
  queueName: string;
  queue: BullmqExecutionQueue;
  root: string;
  workDir: string;
  secretsKey: SecretsKey;
  logger: Logger;
  driver: RecordingDriver;
  agentCommand(name: TestAgentName | 'echo'): string[];
  user(): Promise<{ id: string; wallet: `0x${string}` }>;
  agent(options?: AgentOptions): Promise<string>;
  authorize(payer: `0x${string}`, cumulativeWei: bigint): Promise<void>;
  /** Records a queued execution as the API does (in job group `jobGroup`, default none), without enqueueing it. */
  execution(agentId: string, userId: string, input: unknown, jobGroup?: string): Promise<string>;
  /** Records and enqueues, a job of its own. */
  submit(agentId: string, userId: string, input: unknown): Promise<string>;
  /** Records executions as the API does, in one job group, and enqueues the group's job. */
  submitGroup(executions: readonly { agentId: string; userId: string; input: unknown }[]): Promise<{ groupId: string; executionIds: string[] }>;
  waitForStatus(executionId: string, statuses: readonly string[], withinMs?: number): Promise<ExecutionRow>;
  waitForJob(executionId: string, states: readonly string[], withinMs?: number): Promise<void>;
  row(executionId: string): Promise<ExecutionRow>;
  receipts(executionId: string): Promise<ReceiptRow[]>;
  channel(payer: string): Promise<{ charged_wei: string; reserved_wei: string } | null>;
  close(): Promise<void>;
};

export type ExecutionRow = {
  status: string;
  result: unknown;
  output_hash: string | null;
  error: string | null;
  error_code: string | null;
  cost_wei: string | null;
  gpu_milliseconds: string | null;
  attempts: number;
  cached: boolean;
  logs: string | null;
  reserved_wei: string;
  started_at: Date | null;
  finished_at: Date | null;
};
export type ReceiptRow = {
  execution_id: string;
  orchestrator: string;
  onchain_agent_id: string;
  payer: string;
  input_hash: string;
  output_hash: string;
  gpu_seconds: string;
  fee_wei: string;
  payer_cumulative_wei: string;
};

export async function createExecutionTestSetup(options: { queue?: { attempts?: number; backoffDelayMs?: number }; redisUrl?: string } = {}): Promise<ExecutionTestSetup> {
  const database = await createTestDatabase('cr8_exec');
  await migrate({ databaseUrl: database.url });
  const db = new pg.Pool({ connectionString: database.url, max: 20 });
  const redis = new Redis(options.redisUrl ?? TEST_REDIS_URL);
  const prefix = `cr8-test-exec-${randomBytes(6).toString('hex')}`;
  const queueName = 'executions';
  const queue = createBullmqExecutionQueue({ connection: redis, prefix, queueName, attempts: options.queue?.attempts ?? 3, backoffDelayMs: options.queue?.backoffDelayMs ?? 50 });
  const root = mkdtempSync(join(tmpdir(), 'cr8-exec-'));
  const workDir = join(root, 'work');
  const agentsDir = join(root, 'agents');
  mkdirSync(agentsDir);
  for (const [name, source] of Object.entries(AGENT_SOURCES)) writeFileSync(join(agentsDir, `${name}.mjs`), source);
  const agentCommand = (name: TestAgentName | 'echo') => (name === 'echo' ? [process.execPath, fileURLToPath(new URL('../agents/echo.ts', import.meta.url))] : [process.execPath, join(agentsDir, `${name}.mjs`)]);
  const secretsKey = new SecretsKey(randomBytes(32));
  const logger = createLogger({ service: 'execution-worker-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const driver = recordingDriver(createLocalDriver({ workDir, persistent: true, logger }));
  let creator: string | undefined;
  let walletSequence = 0;

  const user = async () => {
    walletSequence += 1;
    const wallet = `0x${randomBytes(18).toString('hex')}${walletSequence.toString(16).padStart(4, '0')}` as `0x${string}`;
    const { rows } = await db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [wallet]);
    return { id: rows[0]!.id, wallet };
  };
  let onchainSequence = 0;
  const setup: ExecutionTestSetup = {
    db,
    database,
    redis,
    prefix,
    queueName,
    queue,
    root,
    workDir,
    secretsKey,
    logger,
    driver,
    agentCommand,
    user,
    async agent(agentOptions = {}) {
      creator ??= (await user()).id;
      const id = randomUUID();
      const config = { runtime: 'local', command: agentCommand(agentOptions.agent ?? 'slow'), timeoutSeconds: 10, ...agentOptions.config, secretNames: Object.keys(agentOptions.secrets ?? {}) };
      onchainSequence += 1;
      const onchainId = agentOptions.onchainId === undefined ? onchainSequence : agentOptions.onchainId;
      await db.query(
        `INSERT INTO agents (id, creator_user_id, creator_address, name, status, onchain_id, fee_per_execution, gpu_multiplier_bps, execution_config, encrypted_secrets)
         VALUES ($1, $2, $3, 'test agent', 'registered', $4, $5, $6, $7, $8)`,
        [id, creator, ORCHESTRATOR, onchainId, (agentOptions.feeWei ?? 0n).toString(), agentOptions.gpuMultiplierBps ?? 10_000, config, agentOptions.secrets ? encryptSecrets(secretsKey, id, agentOptions.secrets) : null],
      );
      return id;
    },
    async authorize(payer, cumulativeWei) {
      await db.query('INSERT INTO payment_authorizations (payer, orchestrator, cumulative_wei, signature) VALUES ($1, $2, $3, $4)', [payer, ORCHESTRATOR, cumulativeWei.toString(), `0x${'ab'.repeat(65)}`]);
    },
    async execution(agentId, userId, input, jobGroup) {
      const text = JSON.stringify(input);
      const { rows } = await db.query<{ id: string }>('INSERT INTO agent_executions (agent_id, user_id, input, input_hash, job_group) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        agentId,
        userId,
        text,
        `0x${createHash('sha256').update(text).digest('hex')}`,
        jobGroup ?? null,
      ]);
      return rows[0]!.id;
    },
    async submitGroup(executions) {
      const groupId = randomUUID();
      const executionIds: string[] = [];
      for (const execution of executions) executionIds.push(await setup.execution(execution.agentId, execution.userId, execution.input, groupId));
      await queue.enqueueGroup({ groupId, executionIds });
      return { groupId, executionIds };
    },
    async submit(agentId, userId, input) {
      const executionId = await setup.execution(agentId, userId, input);
      await queue.enqueue({ executionId, agentId, onchainAgentId: null, userId, inputHash: '0x', feeWei: '0' });
      return executionId;
    },
    async row(executionId) {
      const { rows } = await db.query<ExecutionRow>(
        `SELECT status, result, output_hash, error, error_code, cost_wei::text, gpu_milliseconds::text, attempts, cached, logs, reserved_wei::text, started_at, finished_at
         FROM agent_executions WHERE id = $1`,
        [executionId],
      );
      return rows[0]!;
    },
    async waitForStatus(executionId, statuses, withinMs = 10_000) {
      const deadline = Date.now() + withinMs;
      for (;;) {
        const row = await setup.row(executionId);
        if (statuses.includes(row.status)) return row;
        if (Date.now() > deadline) throw new Error(`execution ${executionId} is ${row.status} (${row.error_code}: ${row.error}), not ${statuses.join(' or ')}, after ${withinMs} ms`);
        await sleep(20);
      }
    },
    async waitForJob(executionId, states, withinMs = 10_000) {
      const deadline = Date.now() + withinMs;
      for (;;) {
        const state = await queue.queue.getJobState(executionId);
        if (states.includes(state)) return;
        if (Date.now() > deadline) throw new Error(`job ${executionId} is ${state}, not ${states.join(' or ')}, after ${withinMs} ms`);
        await sleep(20);
      }
    },
    async receipts(executionId) {
      const { rows } = await db.query<ReceiptRow>(
        `SELECT execution_id, orchestrator, onchain_agent_id::text, payer, input_hash, output_hash, gpu_seconds::text, fee_wei::text, payer_cumulative_wei::text
         FROM execution_receipts WHERE execution_id = $1`,
        [executionId],
      );
      return rows;
    },
    async channel(payer) {
      const { rows } = await db.query<{ charged_wei: string; reserved_wei: string }>('SELECT charged_wei::text, reserved_wei::text FROM payment_channels WHERE payer = $1 AND orchestrator = $2', [payer, ORCHESTRATOR]);
      return rows[0] ?? null;
    },
    async close() {
      await driver.close();
      await queue.close();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
      await db.end();
      await database.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return setup;
}
