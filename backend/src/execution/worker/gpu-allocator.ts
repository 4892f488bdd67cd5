// What the worker needs of the GPU manager (written elsewhere, in gpu/manager, and not imported here):
// a lease on GPUs for one execution, placed somewhere, that can be lost (its signal aborts: preemption,
// node failure) and that says on release how long it held the GPUs and what that cost.
import type { GpuRequirement, Placement } from '../gpu/driver.ts';

export type GpuLease = {
  placement: Placement;
  /** Aborted when the lease is lost; the run is then stopped and retried. */
  signal: AbortSignal;
  release(): Promise<{ gpuMilliseconds: number; costWei: bigint }>;
};

export type GpuAllocator = {
  acquire(executionId: string, requirement: GpuRequirement, priority: number, signal: AbortSignal): Promise<{ placement: Placement; signal: AbortSignal; release(): Promise<{ gpuMilliseconds: number; costWei: bigint }> }>;
};

/** Executions whose config asks for no GPU (count 0 or no `gpu`) never call the allocator. */
export function needsGpu(requirement: GpuRequirement | undefined): requirement is GpuRequirement {
  return requirement !== undefined && requirement.count > 0;
}
