// What a lease cost: GPU time in integer milliseconds (wall time × GPU count, both from the Redis clock so
// no worker's clock skews a bill) and its price, rounded up to the wei so GPU time is never given away.
export type Metering = {
  leaseId: string;
  executionId: string;
  node: string;
  gpuModel: string;
  gpuCount: number;
  /** Redis clock, ms since the epoch. */
  startedAt: number;
  /** Redis clock: the release, or the expiry of a lease whose holder stopped heartbeating. */
  endedAt: number;
  /** (endedAt − startedAt) × gpuCount. */
  gpuMilliseconds: number;
  pricePerGpuSecondWei: bigint;
  /** ceil(gpuMilliseconds × pricePerGpuSecondWei / 1000). */
  costWei: bigint;
  /** 'reclaimed' when the lease expired without a release (the holder died or lost Redis). */
  endedBy: 'released' | 'reclaimed';
};

export function gpuCostWei(gpuMilliseconds: number, pricePerGpuSecondWei: bigint): bigint {
  const product = BigInt(gpuMilliseconds) * pricePerGpuSecondWei;
  return (product + 999n) / 1000n;
}
