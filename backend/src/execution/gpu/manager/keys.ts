// Every Redis key the GPU manager uses, built in one place (the Lua prelude binds the fixed ones in the
// same order). All keys start with `${prefix}:`; in a Redis Cluster the prefix must carry a hash tag
// (`{cr8:gpu}`) so that every key a script touches lives in one slot.
//
//   {prefix}:nodes              hash  node -> JSON {gpus: [{index, model, vramGb}], price: "<wei per GPU-second>"}
//   {prefix}:busy               hash  "<node>#<index>" -> leaseId holding that GPU (active or preempted lease)
//   {prefix}:reserved           hash  "<node>#<index>" -> executionId that preempted for it
//   {prefix}:expiries           zset  leaseId scored by expiresAt (ms, Redis clock): live leases only
//   {prefix}:reservations       zset  executionId scored by its reservation's expiresAt
//   {prefix}:reclaimed          list  executionIds of leases reclaimed since the last reclaimExpiredLeases
//   {prefix}:lease:<leaseId>    hash  the lease (see allocate.ts); kept for the retention once ended
//   {prefix}:execution:<id>     string leaseId of the execution's live lease (idempotent allocate)
//   {prefix}:reservation:<id>   hash  {node, gpus, priority, preempting, expiresAt} of a preempting execution

export function gpuKeys(prefix: string) {
  return {
    nodes: `${prefix}:nodes`,
    busy: `${prefix}:busy`,
    reserved: `${prefix}:reserved`,
    expiries: `${prefix}:expiries`,
    reservations: `${prefix}:reservations`,
    reclaimed: `${prefix}:reclaimed`,
    lease: (leaseId: string) => `${prefix}:lease:${leaseId}`,
    execution: (executionId: string) => `${prefix}:execution:${executionId}`,
    reservation: (executionId: string) => `${prefix}:reservation:${executionId}`,
  };
}

/** The fixed keys every script receives as KEYS (declared, so a cluster client routes the script to their slot). */
export function scriptKeys(prefix: string): string[] {
  const keys = gpuKeys(prefix);
  return [keys.nodes, keys.busy, keys.reserved, keys.expiries, keys.reservations, keys.reclaimed];
}

/** How long an ended lease stays readable, so a second release returns the same metering and a late heartbeat says 'lost'. */
export const LEASE_RETENTION_MS = 24 * 60 * 60 * 1000;
