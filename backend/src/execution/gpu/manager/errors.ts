// Every way the GPU manager can refuse, with a machine-readable code. `UnsatisfiableRequirement` is a class
// of its own because it is the one the worker must not retry: no node in the inventory could ever hold the
// run, so waiting would wait forever and retrying would fail the same way. Everything else is transient
// (Redis down, inventory not registered yet, a lease lost to a crash) and the queue may try again.
import type { GpuRequirement } from '../driver.ts';

export type GpuManagerErrorCode =
  /** No node could ever fit the requirement (unknown model, more GPUs than any node has, too little memory). Not retryable. */
  | 'UNSATISFIABLE_REQUIREMENT'
  /** A malformed call (count < 1, a non-integer lease time...): a bug in the caller. */
  | 'INVALID_REQUEST'
  /** No inventory is registered under the prefix (yet): retryable, the deployment registers it at boot. */
  | 'NO_INVENTORY'
  /** The lease is unknown: never granted, or ended longer ago than the retention. */
  | 'LEASE_NOT_FOUND'
  /** The lease expired and was reclaimed, or another worker took it over: the run must stop. Retryable. */
  | 'LEASE_LOST'
  /** A higher-priority execution preempted the lease: the run must stop and release. Retryable. */
  | 'PREEMPTED';

export class GpuManagerError extends Error {
  override name = 'GpuManagerError';
  readonly code: GpuManagerErrorCode;
  constructor(code: GpuManagerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export class UnsatisfiableRequirement extends GpuManagerError {
  override name = 'UnsatisfiableRequirement';
  readonly requirement: GpuRequirement;
  constructor(requirement: GpuRequirement, message: string) {
    super('UNSATISFIABLE_REQUIREMENT', message);
    this.requirement = requirement;
  }
}

export function isGpuManagerError(error: unknown, code?: GpuManagerErrorCode): error is GpuManagerError {
  return error instanceof GpuManagerError && (code === undefined || error.code === code);
}
