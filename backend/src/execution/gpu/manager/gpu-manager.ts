// What a worker uses: acquire GPUs for an execution (waiting, and preempting when its priority allows),
// keep the lease alive while the driver runs, and release it with its metering. The lease state is in
// Redis (see allocate.ts); this facade only adds the polling loop and the heartbeat timer.
//
// A grant's `signal` aborts when the lease is lost (expired, reclaimed, taken over by another worker, or
// not extended before its expiry because Redis was unreachable) or preempted, with a GpuManagerError
// ('LEASE_LOST' / 'PREEMPTED') as reason, and when the caller's own signal aborts. The worker hands it to
// the driver, and releases the grant once the driver has stopped: releasing earlier would let another
// run onto GPUs still in use.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../../../service/logger.ts';
import type { GpuRequirement, Placement } from '../driver.ts';
import { allocateGpus, type GpuLease } from './allocate.ts';
import { cancelReservation } from './cancel-reservation.ts';
import { GpuManagerError } from './errors.ts';
import { heartbeatLease } from './heartbeat.ts';
import type { Metering } from './metering.ts';
import { reclaimExpiredLeases } from './reclaim.ts';
import { releaseLease } from './release.ts';
import { type GpuSnapshot, snapshotGpus } from './snapshot.ts';

export type GpuManagerOptions = {
  redis: Redis;
  /** Key prefix of the shared inventory (every worker of a deployment uses the same one). */
  prefix: string;
  /** How long a lease lives without a heartbeat: how long a dead worker's GPUs stay idle. */
  leaseMs: number;
  /** Heartbeat period; must be below `leaseMs` (a third of it tolerates two lost heartbeats). */
  heartbeatMs: number;
  logger?: Logger;
  /** Identifies this process as lease holder. Default `<hostname>:<pid>:<random>`. */
  workerId?: string;
  /** Longest wait between two allocation attempts. Default 1000 ms. */
  maxWaitMs?: number;
  /** How long preempted GPUs stay reserved past their holders' expiry. Default `leaseMs`. */
  reservationMs?: number;
};

export type GpuGrant = {
  lease: GpuLease;
  placement: Placement;
  /** Aborted on lease loss, preemption, or the caller's signal. */
  signal: AbortSignal;
  /** Stops the heartbeat and frees the GPUs. Idempotent: every call resolves to the same metering. */
  release(): Promise<Metering>;
};

export type GpuManager = {
  readonly workerId: string;
  /** Waits until the requirement is granted. Throws UnsatisfiableRequirement (never retry), the signal's reason, or a Redis error. */
  acquire(executionId: string, requirement: GpuRequirement, priority: number, signal?: AbortSignal): Promise<GpuGrant>;
  snapshot(): Promise<GpuSnapshot>;
  /** Reclaims expired leases and returns every execution reclaimed since the last call (by anyone). */
  reclaimExpired(): Promise<string[]>;
  /** Stops the heartbeats of grants still held, without releasing them (shutdown): they expire and are reclaimed. */
  close(): void;
};

export function createGpuManager(options: GpuManagerOptions): GpuManager {
  const { redis, prefix, leaseMs, heartbeatMs, logger } = options;
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  const reservationMs = options.reservationMs ?? leaseMs;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  for (const [name, value] of [['leaseMs', leaseMs], ['heartbeatMs', heartbeatMs], ['maxWaitMs', maxWaitMs], ['reservationMs', reservationMs]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new GpuManagerError('INVALID_REQUEST', `${name} must be a positive integer, got ${value}`);
  }
  if (heartbeatMs >= leaseMs) throw new GpuManagerError('INVALID_REQUEST', `heartbeatMs (${heartbeatMs}) must be below leaseMs (${leaseMs}), or every lease expires between heartbeats`);

  const held = new Set<() => void>();

  function startGrant(lease: GpuLease, allocatedAt: number, callerSignal: AbortSignal | undefined): GpuGrant {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    // The lease is surely ours until leaseMs after the last successful extension was sent (local
    // monotonic clock, so no clock skew with Redis matters): past that, it may have been reclaimed.
    let validUntil = allocatedAt + leaseMs;
    const context = { executionId: lease.executionId, leaseId: lease.leaseId, node: lease.node };

    const stop = (): void => {
      stopped = true;
      clearTimeout(timer);
      held.delete(stop);
    };
    const lose = (reason: GpuManagerError): void => {
      stop();
      logger?.warn({ ...context, code: reason.code }, reason.message);
      controller.abort(reason);
    };
    const beat = async (): Promise<void> => {
      const sentAt = performance.now();
      try {
        const status = await heartbeatLease(redis, prefix, lease.leaseId, workerId, leaseMs);
        if (stopped) return;
        if (status === 'preempted') return lose(new GpuManagerError('PREEMPTED', `GPU lease ${lease.leaseId} was preempted by a higher-priority execution`));
        if (status === 'lost') return lose(new GpuManagerError('LEASE_LOST', `GPU lease ${lease.leaseId} was lost (expired and reclaimed, or taken over by another worker)`));
        validUntil = sentAt + leaseMs;
      } catch (error) {
        if (stopped) return;
        if (performance.now() >= validUntil) return lose(new GpuManagerError('LEASE_LOST', `GPU lease ${lease.leaseId} could not be extended before it expired`, { cause: error }));
        logger?.warn({ ...context, err: error }, 'GPU lease heartbeat failed; retrying');
      }
      schedule();
    };
    const schedule = (): void => {
      timer = setTimeout(() => void beat(), heartbeatMs);
      // A forgotten grant must not keep the process alive; a running driver does that.
      timer.unref();
    };
    held.add(stop);
    schedule();

    let released: Promise<Metering> | undefined;
    return {
      lease,
      placement: { node: lease.node, gpuModel: lease.gpuModel, gpuIndices: lease.gpuIndices },
      signal: callerSignal ? AbortSignal.any([controller.signal, callerSignal]) : controller.signal,
      release: () => {
        stop();
        released ??= releaseLease(redis, prefix, lease.leaseId).catch((error: unknown) => {
          // Let a later call try again (the lease expires meanwhile anyway).
          released = undefined;
          throw error;
        });
        return released;
      },
    };
  }

  async function acquire(executionId: string, requirement: GpuRequirement, priority: number, signal?: AbortSignal): Promise<GpuGrant> {
    let preempting = false;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const allocatedAt = performance.now();
        const result = await allocateGpus(redis, prefix, { executionId, workerId, requirement, priority, leaseMs, reservationMs, maxWaitMs });
        if ('lease' in result) {
          // A retry of an execution preempted meanwhile: give that lease up and wait like everyone else.
          if (result.lease.state === 'preempted') {
            await releaseLease(redis, prefix, result.lease.leaseId);
            continue;
          }
          if (signal?.aborted) {
            await releaseLease(redis, prefix, result.lease.leaseId);
            signal.throwIfAborted();
          }
          logger?.debug({ executionId, leaseId: result.lease.leaseId, node: result.lease.node, gpus: result.lease.gpuIndices }, 'GPUs granted');
          return startGrant(result.lease, allocatedAt, signal);
        }
        if (result.preempting.length > 0 && !preempting) {
          preempting = true;
          logger?.info({ executionId, priority, preempting: result.preempting }, 'preempting lower-priority GPU leases');
        }
        await sleep(result.waitMs, signal);
      }
    } catch (error) {
      // Stopped waiting: the GPUs reserved by preempting go back to everyone now, not at the reservation's expiry.
      if (preempting) await cancelReservation(redis, prefix, executionId).catch((cause: unknown) => logger?.warn({ executionId, err: cause }, 'could not cancel a GPU reservation'));
      throw error;
    }
  }

  return {
    workerId,
    acquire,
    snapshot: () => snapshotGpus(redis, prefix),
    reclaimExpired: () => reclaimExpiredLeases(redis, prefix),
    close: () => {
      for (const stop of [...held]) stop();
    },
  };
}

async function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}
