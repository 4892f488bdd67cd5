// Gives up the GPUs an execution reserved by preempting, when it stops waiting for them (its acquire was
// cancelled): otherwise they would sit idle until the reservation expires. The preempted leases stay
// preempted; their holders are already stopping.
import type { Redis } from 'ioredis';
import { defineGpuScript } from './script.ts';

const cancelScript = defineGpuScript(
  'cr8GpuCancelReservation',
  `
local existed = redis.call('EXISTS', reservation_key(ARGV[2]))
drop_reservation(ARGV[2])
return existed
`,
);

/** Returns whether the execution held a reservation. */
export async function cancelReservation(redis: Redis, prefix: string, executionId: string): Promise<boolean> {
  return (await cancelScript(redis, prefix, [executionId])) === 1;
}
