// Leases of a budget's points, so that most requests are counted without a round trip to Redis. A
// process takes several points of a key's budget at once (one consume of `points` through
// rate-limiter-flexible: an atomic INCRBY in Redis), spends them from memory, and asks again when they
// run out or the window ends.
//
// Admission stays on the safe side: every request let through was counted in Redis before, so the
// processes together never let a key exceed its budget. What a process leased and did not spend by the
// window's end is lost, and so are the last points of a lease refused on stale knowledge (below), so with
// several processes a key near its limit may be refused a little early.
// A lease is at most a twentieth of what the key had left (and at most MAX_LEASE points): near the
// limit leases shrink to one point, where exactness matters, and every request asks Redis as before.
// The first request of a window takes one point (what is left is not known yet). Small budgets (under
// 40 points) are therefore never leased more than a point at a time.
import { RateLimiterRes } from 'rate-limiter-flexible';

/** Takes `points` of `key`'s budget; rejects with the RateLimiterRes when the budget cannot cover them. */
export type PointConsumer = { consume: (key: string, points: number) => Promise<RateLimiterRes> };

export type BudgetLeases = {
  /** Spends one point of `key`'s budget: from this process's lease when it holds one, else from Redis.
   *  Rejects with the RateLimiterRes of the refusal when the budget is spent. */
  consume: (key: string) => Promise<void>;
};

/** A lease is at most this share of what the key has left... */
export const LEASE_DIVISOR = 20;
/** ...and at most this many points. */
export const MAX_LEASE = 50;
/** Keys held at once; past this, expired leases are dropped (then all, should that not be enough). */
const MAX_KEYS = 10_000;

type Lease = { left: number; expiresAt: number; leftInBudget: number; taking: Promise<void> | null };

export function leaseBudget(limiter: PointConsumer): BudgetLeases {
  const now = Date.now;
  const leases = new Map<string, Lease>();

  async function take(key: string, lease: Lease | undefined): Promise<void> {
    const current = lease && lease.expiresAt > now() ? lease : undefined;
    const size = current ? Math.max(1, Math.min(MAX_LEASE, Math.floor(current.leftInBudget / LEASE_DIVISOR))) : 1;
    let res: RateLimiterRes;
    try {
      res = await limiter.consume(key, size);
    } catch (error) {
      // Refused: the budget is spent until the window ends. (A lease is refused while a few points are
      // still left only when other processes spent nearly all of what this one last saw: the consume
      // has counted the lease anyway, so those last points are lost for the window, fewer than a
      // twentieth of what was left.)
      if (error instanceof RateLimiterRes) remember(key, { left: 0, expiresAt: now() + error.msBeforeNext, leftInBudget: 0, taking: null });
      throw error;
    }
    // One of the points is this request's.
    remember(key, { left: size - 1, expiresAt: now() + res.msBeforeNext, leftInBudget: res.remainingPoints, taking: null });
  }

  function remember(key: string, lease: Lease): void {
    if (!leases.has(key) && leases.size >= MAX_KEYS) {
      const at = now();
      for (const [held, { expiresAt, taking }] of leases) if (expiresAt <= at && !taking) leases.delete(held);
      if (leases.size >= MAX_KEYS) leases.clear();
    }
    leases.set(key, lease);
  }

  async function consume(key: string): Promise<void> {
    for (;;) {
      const lease = leases.get(key);
      if (lease?.taking) {
        // Requests for a key whose lease is being taken wait for it instead of each taking their own.
        await lease.taking.catch(() => {});
        continue;
      }
      if (lease && lease.left > 0 && lease.expiresAt > now()) {
        lease.left--;
        return;
      }
      const taking = take(key, lease);
      if (lease) lease.taking = taking;
      else leases.set(key, { left: 0, expiresAt: 0, leftInBudget: 0, taking });
      try {
        return await taking;
      } finally {
        const after = leases.get(key);
        if (after?.taking === taking) after.taking = null;
      }
    }
  }

  return { consume };
}
