// The orchestrator process's configuration (`cr8 orchestrator`), from the environment, validated once at
// start: where it runs agents (drivers, GPU inventory), how it settles (the receipts poster), and the
// key it signs and posts with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@cr8/contracts/toolchain';
import { predeployAddress } from '@cr8/predeploys/addresses';
import { z } from 'zod';
import { databaseUrl } from '../../config/database-url.ts';
import { secretsConfigSchema } from '../../secrets/config.ts';
import { parseGpuInventory, type GpuInventory } from '../gpu/manager/inventory.ts';

const wholeNumber = (minimum: number, maximum: number) => z.coerce.number().int().min(minimum).max(maximum);
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte address')
  .transform((value) => value.toLowerCase() as `0x${string}`);
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const orchestratorConfigSchema = z.object({
  DATABASE_URL: databaseUrl,
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key the queue, limiter, cache and GPU manager use (the API must use the same). */
  EXECUTION_QUEUE_PREFIX: z.string().min(1).max(100).default('cr8'),
  /** The CR8 L3 (the sequencer's RPC in production: receipts are posted through it). */
  CHAIN_RPC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://127.0.0.1:9545'),
  CHAIN_ID: z.coerce.number().int().positive().default(888008),
  /** The orchestrator's key: it issues the receipts and posts the batches (it must be bonded in the OrchestratorRegistry). */
  ORCHESTRATOR_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'a 0x-prefixed 32-byte hex private key')
    .transform((value) => value as `0x${string}`),
  EXECUTION_RECEIPTS_ADDRESS: address.default(predeployAddress.ExecutionReceipts),
  CREDIT_VAULT_ADDRESS: address.default(predeployAddress.CreditVault),
  /** Executions this process runs at once. */
  WORKER_CONCURRENCY: wholeNumber(1, 10_000).default(64),
  /** Executions of one user running at once, across every worker (more wait, delayed, in the queue). */
  WORKER_MAX_CONCURRENT_PER_USER: wholeNumber(1, 100_000).default(16),
  /** Post a batch as soon as this many receipts wait... */
  POSTER_MAX_RECEIPTS: wholeNumber(1, 10_000).default(1_000),
  /** ...or once the oldest has waited this long. */
  POSTER_INTERVAL_MS: wholeNumber(100, 3_600_000).default(5_000),
  /** `local` runtime: per-run directories; agents' memory limit; one long-lived process per agent (JSON lines) instead of one per run. */
  LOCAL_DRIVER_WORK_DIR: z.string().min(1).default(join(repoRoot, '.cr8', 'orchestrator', 'runs')),
  LOCAL_DRIVER_MEMORY_MB: wholeNumber(32, 1_048_576).default(512),
  /** Off by default: every agent on a persistent driver must speak JSON lines (the example agents do). */
  LOCAL_DRIVER_PERSISTENT: booleanFlag.default(false),
  LOCAL_DRIVER_ISOLATE_NETWORK: booleanFlag.default(false),
  /** `inference` runtime: an OpenAI-compatible endpoint (vLLM, Ollama...); unset: no inference driver. */
  INFERENCE_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  INFERENCE_API_KEY: z.string().min(1).optional(),
  /** `kubernetes` runtime: a kubeconfig file and the namespace Jobs run in; unset: no kubernetes driver. */
  KUBECONFIG: z.string().min(1).optional(),
  KUBERNETES_NAMESPACE: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a Kubernetes namespace name').default('cr8-agents'),
  /** A JSON file with the GPU inventory ({nodes: [{node, gpus: [{index, model, vramGb}], pricePerGpuSecondWei}]}); unset: no GPUs (agents that need one fail with a clear error). */
  GPU_INVENTORY_FILE: z
    .string()
    .min(1)
    .optional()
    .transform((file, context): GpuInventory | undefined => {
      if (file === undefined) return undefined;
      try {
        return parseGpuInventory(JSON.parse(readFileSync(file, 'utf8')));
      } catch (error) {
        context.addIssue({ code: 'custom', message: `${file}: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  /** The nice value this process (and the agents it starts) runs at, 0-19. Raise it where the
   *  orchestrator shares cores with the API (one machine, `make dev`, the e2e benchmark): it works
   *  through a queue and batches, so it loses nothing by yielding a core, and submits stop waiting
   *  behind its bursts (service/process-priority.ts). */
  ORCHESTRATOR_NICE: wholeNumber(0, 19).default(0),
  /** Where /health, /ready and /metrics are served (port 0: any free port). */
  ORCHESTRATOR_STATUS_HOST: z.string().min(1).default('127.0.0.1'),
  ORCHESTRATOR_STATUS_PORT: wholeNumber(0, 65_535).default(9465),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...secretsConfigSchema.shape,
});

export type OrchestratorConfig = z.infer<typeof orchestratorConfigSchema>;
