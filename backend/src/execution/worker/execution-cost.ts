// What an execution costs its payer, in wei: the agent's fee plus its GPU time marked up (or down) by
// the agent's multiplier, rounded up so that a fraction of a wei is never given away. Before the run the
// worker reserves an upper bound of that (the GPU part for a lease held up to the run's timeout), and
// never charges more than it reserved: the payer authorized the bound, not whatever the run might cost.
import type { GpuRequirement } from '../gpu/driver.ts';
import { needsGpu } from './gpu-allocator.ts';

export const BPS = 10_000n;

export type ExecutionCostParameters = { feeWei: bigint; gpuCostWei: bigint; gpuMultiplierBps: number };

/** fee + ceil(gpuCost × multiplierBps / 10,000). */
export function executionCostWei({ feeWei, gpuCostWei, gpuMultiplierBps }: ExecutionCostParameters): bigint {
  if (feeWei < 0n || gpuCostWei < 0n || !Number.isInteger(gpuMultiplierBps) || gpuMultiplierBps < 0) throw new RangeError('execution cost: amounts and the multiplier must be non-negative');
  return feeWei + ceilDiv(gpuCostWei * BigInt(gpuMultiplierBps), BPS);
}

/** The GPU manager's price bound: what holding `requirement` for up to `maxMilliseconds` can cost. */
export type MaxGpuCostWei = (requirement: GpuRequirement, maxMilliseconds: number) => bigint;

export type FeeUpperBoundParameters = {
  feeWei: bigint;
  gpuMultiplierBps: number;
  gpu: GpuRequirement | undefined;
  /** The longest the lease can be held: the run's timeout plus what the worker adds around it. */
  maxGpuMilliseconds: number;
  maxGpuCostWei: MaxGpuCostWei;
};

export function feeUpperBoundWei(parameters: FeeUpperBoundParameters): bigint {
  const gpuCostWei = needsGpu(parameters.gpu) ? parameters.maxGpuCostWei(parameters.gpu, parameters.maxGpuMilliseconds) : 0n;
  return executionCostWei({ feeWei: parameters.feeWei, gpuCostWei, gpuMultiplierBps: parameters.gpuMultiplierBps });
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
