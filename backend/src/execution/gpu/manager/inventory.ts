// The GPU inventory every worker shares: which nodes exist, which GPUs each holds, and what a GPU-second
// costs there. Deployments register it at boot (and again on every change); registering replaces the
// node list atomically but never touches leases, so runs in flight keep their GPUs, and a GPU that left
// the inventory is simply not handed out again once its lease ends.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { GpuManagerError } from './errors.ts';
import { defineGpuScript } from './script.ts';

export type GpuInventory = {
  nodes: { node: string; gpus: { index: number; model: string; vramGb: number }[]; pricePerGpuSecondWei: bigint }[];
};

/** Wei as a decimal string (JSON cannot carry a uint256 as a number without losing digits). */
const weiString = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,77})$/, 'must be a decimal integer string of wei')
  .transform((value) => BigInt(value));

const gpu = z
  .object({
    /** The device index on the node (what CUDA_VISIBLE_DEVICES and the device plugin use). */
    index: z.number().int().min(0).max(1023),
    /** Matched exactly against an agent's `gpu.model` (and used as the Kubernetes node selector value). */
    model: z.string().min(1).max(60),
    vramGb: z.number().positive().max(4096),
  })
  .strict();

const node = z
  .object({
    /** Hostname-like: it appears in Redis keys and field names ('#' separates node and index) and in node selectors. */
    node: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/, 'must be a hostname-like name'),
    gpus: z
      .array(gpu)
      .min(1)
      .max(1024)
      .superRefine((gpus, context) => {
        const seen = new Set<number>();
        for (const [position, { index }] of gpus.entries()) {
          if (seen.has(index)) context.addIssue({ code: 'custom', message: `duplicate GPU index ${index}`, path: [position, 'index'] });
          seen.add(index);
        }
      }),
    pricePerGpuSecondWei: weiString,
  })
  .strict();

export const gpuInventorySchema = z
  .object({
    nodes: z.array(node).superRefine((nodes, context) => {
      const seen = new Set<string>();
      for (const [position, { node: name }] of nodes.entries()) {
        if (seen.has(name)) context.addIssue({ code: 'custom', message: `duplicate node "${name}"`, path: [position, 'node'] });
        seen.add(name);
      }
    }),
  })
  .strict();

export type GpuInventoryInput = z.input<typeof gpuInventorySchema>;

/** Parses an inventory as read from config (prices as strings); throws a ZodError naming every problem. */
export function parseGpuInventory(input: unknown): GpuInventory {
  return gpuInventorySchema.parse(input);
}

const replaceNodes = defineGpuScript(
  'cr8GpuRegisterInventory',
  `
redis.call('DEL', K_NODES)
for i = 2, #ARGV, 2 do redis.call('HSET', K_NODES, ARGV[i], ARGV[i + 1]) end
return (#ARGV - 1) / 2
`,
);

export type RegisterInventoryReturnType = { nodes: number; gpus: number };

/** Writes the inventory (validated again: it may not come from the schema), replacing the previous one and keeping every lease. */
export async function registerInventory(redis: Redis, prefix: string, inventory: GpuInventory): Promise<RegisterInventoryReturnType> {
  const parsed = gpuInventorySchema.safeParse({
    nodes: inventory.nodes.map((entry) => ({ ...entry, pricePerGpuSecondWei: typeof entry.pricePerGpuSecondWei === 'bigint' ? entry.pricePerGpuSecondWei.toString() : entry.pricePerGpuSecondWei })),
  });
  if (!parsed.success) throw new GpuManagerError('INVALID_REQUEST', `invalid GPU inventory: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  const args: string[] = [];
  for (const entry of parsed.data.nodes) {
    args.push(entry.node, JSON.stringify({ gpus: entry.gpus, price: entry.pricePerGpuSecondWei.toString() }));
  }
  await replaceNodes(redis, prefix, args);
  return { nodes: parsed.data.nodes.length, gpus: parsed.data.nodes.reduce((sum, entry) => sum + entry.gpus.length, 0) };
}
