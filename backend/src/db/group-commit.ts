// Group commit: callers each ask for one item, and the items asked for while a statement is in flight
// are written by the next statement, together. A statement of 100 rows costs PostgreSQL ~10-20 µs a row
// where 100 statements of one row cost ~70-90 µs each (and as much again in the client), so under load
// the per-row cost falls by 5x or more; at rest a lone item goes out at once, alone, adding no latency.
//
//   const claim = groupCommit({ run: (items) => claimExecutions(db, items), maxItems: 100 });
//   const result = await claim(item); // resolved with run's answer at the item's index
//
// - `run` gets the items in the order they were asked for and answers one result per item, in order.
// - At most `maxInFlight` statements run at once (default 1: the next group forms while one runs).
// - When a group's statement fails, each of its items is tried again alone, so one bad item (or a
//   deadlock between two groups) fails only its own caller, with its own error.
//
// Why not DataLoader: it batches per tick and caches by key; group commit flushes when the previous
// statement is done (no timer) and must never reuse an answer.

export type GroupCommitOptions<Item, Result> = {
  run: (items: Item[]) => Promise<Result[]>;
  /** The most items one statement carries (default 100). */
  maxItems?: number;
  /** Statements running at once (default 1). */
  maxInFlight?: number;
  /** Under load, how long a group waits for company before it goes (default 0: it goes at the end of
   *  the event loop turn). It waits only when the item before it came less than lingerMs earlier, so a
   *  lone item at rest still goes at once; a busy caller trades up to lingerMs of latency for groups
   *  several times larger (a one-row statement costs PostgreSQL 3-4x per row what an eight-row one does). */
  lingerMs?: number;
};

type Pending<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

export function groupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>): (item: Item) => Promise<Result> {
  const maxItems = options.maxItems ?? 100;
  const maxInFlight = options.maxInFlight ?? 1;
  const lingerMs = options.lingerMs ?? 0;
  if (!Number.isInteger(maxItems) || maxItems < 1) throw new RangeError(`groupCommit: maxItems must be a positive integer (got ${maxItems})`);
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`groupCommit: maxInFlight must be a positive integer (got ${maxInFlight})`);
  if (!(lingerMs >= 0)) throw new RangeError(`groupCommit: lingerMs must be at least 0 (got ${lingerMs})`);
  let queue: Pending<Item, Result>[] = [];
  let inFlight = 0;
  let scheduled: NodeJS.Timeout | NodeJS.Immediate | null = null;
  let lastArrival = -Infinity;

  const runGroup = async (group: Pending<Item, Result>[]) => {
    try {
      const results = await options.run(group.map((pending) => pending.item));
      if (results.length !== group.length) throw new Error(`groupCommit: run answered ${results.length} results for ${group.length} items`);
      group.forEach((pending, index) => pending.resolve(results[index]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // Alone, each item succeeds or fails on its own merits.
      await Promise.all(
        group.map(async (pending) => {
          try {
            const results = await options.run([pending.item]);
            if (results.length !== 1) throw new Error(`groupCommit: run answered ${results.length} results for one item`);
            pending.resolve(results[0]!);
          } catch (aloneError) {
            pending.reject(aloneError);
          }
        }),
      );
    }
  };

  const flush = () => {
    if (scheduled) {
      clearTimeout(scheduled as NodeJS.Timeout);
      clearImmediate(scheduled as NodeJS.Immediate);
      scheduled = null;
    }
    while (inFlight < maxInFlight && queue.length > 0) {
      const group = queue.length <= maxItems ? queue : queue.slice(0, maxItems);
      queue = queue.length <= maxItems ? [] : queue.slice(maxItems);
      inFlight++;
      void runGroup(group).finally(() => {
        inFlight--;
        flush();
      });
    }
  };

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      const now = performance.now();
      const busy = now - lastArrival < lingerMs;
      lastArrival = now;
      if (inFlight >= maxInFlight) return; // the group forms while the statement before it runs
      if (queue.length >= maxItems) return flush();
      // The items asked for in the same turn of the event loop go out together, or, under load,
      // those asked for within lingerMs.
      if (!scheduled) scheduled = busy ? setTimeout(flush, lingerMs) : setImmediate(flush);
    });
}
