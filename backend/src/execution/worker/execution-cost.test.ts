import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executionCostWei, feeUpperBoundWei } from './execution-cost.ts';

test('the fee plus the GPU cost times the multiplier, rounded up', () => {
  assert.equal(executionCostWei({ feeWei: 1_000n, gpuCostWei: 0n, gpuMultiplierBps: 10_000 }), 1_000n);
  assert.equal(executionCostWei({ feeWei: 1_000n, gpuCostWei: 12_345n, gpuMultiplierBps: 15_000 }), 1_000n + 18_518n);
  assert.equal(executionCostWei({ feeWei: 0n, gpuCostWei: 1n, gpuMultiplierBps: 1 }), 1n);
  assert.equal(executionCostWei({ feeWei: 0n, gpuCostWei: 10_000n, gpuMultiplierBps: 0 }), 0n);
  assert.throws(() => executionCostWei({ feeWei: -1n, gpuCostWei: 0n, gpuMultiplierBps: 0 }), RangeError);
});

test('the upper bound prices the GPU for the longest lease, and ignores the GPU when none is asked for', () => {
  const perGpuSecond = (requirement: { count: number }, ms: number) => BigInt(requirement.count) * BigInt(Math.ceil(ms / 1000)) * 100n;
  assert.equal(feeUpperBoundWei({ feeWei: 5n, gpuMultiplierBps: 20_000, gpu: { count: 2 }, maxGpuMilliseconds: 1_500, maxGpuCostWei: perGpuSecond }), 5n + 800n);
  assert.equal(feeUpperBoundWei({ feeWei: 5n, gpuMultiplierBps: 20_000, gpu: { count: 0 }, maxGpuMilliseconds: 1_500, maxGpuCostWei: perGpuSecond }), 5n);
  assert.equal(feeUpperBoundWei({ feeWei: 5n, gpuMultiplierBps: 20_000, gpu: undefined, maxGpuMilliseconds: 1_500, maxGpuCostWei: perGpuSecond }), 5n);
});
