// Runs a task on an interval, one run at a time: an explicit `runNow` queues behind a run in progress
// instead of overlapping it. The deposit relayer and the dev proposer are both built on it.
export type SerialPoller<T> = {
  /** Runs the task now (after any run in progress) and resolves with its result. */
  runNow: () => Promise<T>;
  /** Stops the loop and waits for a run in progress. */
  stop: () => Promise<void>;
};

export function startSerialPoller<T>(
  task: () => Promise<T>,
  options: { intervalMs: number; initialDelayMs?: number; onError?: (error: Error) => void },
): SerialPoller<T> {
  let stopped = false;
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function runNow(): Promise<T> {
    const previous = running?.catch(() => undefined) ?? Promise.resolve();
    running = previous.then(task);
    return running;
  }

  const loop = async () => {
    if (stopped) return;
    try {
      await runNow();
    } catch (error) {
      options.onError?.(error as Error);
    }
    if (!stopped) timer = setTimeout(loop, options.intervalMs);
  };
  timer = setTimeout(loop, options.initialDelayMs ?? 0);

  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
