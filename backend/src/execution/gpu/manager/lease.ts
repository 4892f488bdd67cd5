// A lease as stored in its Redis hash ({prefix}:lease:<leaseId>), every field a string, and its parsed form.
export type LeaseState = 'active' | 'preempted' | 'released' | 'reclaimed';

export type LeaseFields = {
  executionId: string;
  workerId: string;
  node: string;
  gpuModel: string;
  /** Device indices, comma-separated. */
  gpus: string;
  priority: string;
  /** Wei per GPU-second, decimal. */
  price: string;
  /** Redis clock, ms. */
  startedAt: string;
  expiresAt: string;
  state: LeaseState;
  /** Set once the lease ends (released or reclaimed). */
  endedAt?: string;
  /** Set once preempted: the executionId that preempted it. */
  preemptedBy?: string;
  preemptedAt?: string;
};

export type ParsedLease = {
  leaseId: string;
  executionId: string;
  workerId: string;
  node: string;
  gpuModel: string;
  gpuIndices: number[];
  priority: number;
  startedAt: number;
  expiresAt: number;
  pricePerGpuSecondWei: bigint;
  state: LeaseState;
};

export function parseLease(leaseId: string, fields: LeaseFields): ParsedLease {
  return {
    leaseId,
    executionId: fields.executionId,
    workerId: fields.workerId,
    node: fields.node,
    gpuModel: fields.gpuModel,
    gpuIndices: fields.gpus === '' ? [] : fields.gpus.split(',').map(Number),
    priority: Number(fields.priority),
    startedAt: Number(fields.startedAt),
    expiresAt: Number(fields.expiresAt),
    pricePerGpuSecondWei: BigInt(fields.price),
    state: fields.state,
  };
}
