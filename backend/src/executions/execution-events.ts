// Execution updates over Redis pub/sub, from whoever changes an execution (the worker on each status
// change, the API on a cancellation) to the API processes streaming it (GraphQL `executionUpdated`).
//
// Channel: `<prefix>:execution-updated:<executionId>`, prefix = EXECUTION_QUEUE_PREFIX (default `cr8`,
// the queue's). One channel per execution, so a process receives only the updates its subscribers
// wait for, and PUBLISH to an execution nobody watches costs Redis nothing. The message is the execution
// id and carries no state: a subscriber reads the execution from PostgreSQL again (the source of truth,
// which also decides who may see it). So publish AFTER the change is committed; a lost message only
// delays an update until the subscriber's next poll (see watch-execution.ts).
//
// Publishing: `await publishExecutionUpdate(redis, executionId, { prefix })` with any connection (not one
// in subscriber mode). Subscribing: one dedicated connection per process, shared by every subscription
// through subscribeExecutionUpdates (Redis counts one SUBSCRIBE per channel, however many listen).
import type { Redis } from 'ioredis';

export const DEFAULT_EXECUTION_EVENTS_PREFIX = 'cr8';

export type ExecutionEventsOptions = {
  /** The key prefix shared with the queue (EXECUTION_QUEUE_PREFIX; default `cr8`). */
  prefix?: string;
};

/** The Redis pub/sub channel of one execution's updates. */
export function executionUpdateChannel(executionId: string, options: ExecutionEventsOptions = {}): string {
  return `${options.prefix ?? DEFAULT_EXECUTION_EVENTS_PREFIX}:execution-updated:${executionId}`;
}

/** Tells the processes streaming `executionId` to read it again. Call after each committed change. */
export async function publishExecutionUpdate(redis: Pick<Redis, 'publish'>, executionId: string, options: ExecutionEventsOptions = {}): Promise<void> {
  await redis.publish(executionUpdateChannel(executionId, options), executionId);
}

/** The same for many executions, in one pipeline (one write, one round trip): the orchestrator's
 *  concurrent runs publish their updates together. */
export async function publishExecutionUpdates(redis: Pick<Redis, 'pipeline'>, executionIds: readonly string[], options: ExecutionEventsOptions = {}): Promise<void> {
  const pipeline = redis.pipeline();
  for (const executionId of executionIds) pipeline.publish(executionUpdateChannel(executionId, options), executionId);
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}

export type ExecutionUpdates = {
  /** Calls `onUpdate` on each update of `executionId` until the returned function is called. Resolves
   *  once Redis has confirmed the subscription: every update published from then on is heard. */
  listen: (executionId: string, onUpdate: () => void) => Promise<() => Promise<void>>;
  /** Stops dispatching (the connection stays the caller's to close). */
  close: () => void;
};

/** Puts `connection` (dedicated to this: a subscribing connection can do nothing else) in subscriber
 *  mode for the executions listened to, subscribing to a channel while anyone listens to it. */
export function subscribeExecutionUpdates(connection: Redis, options: ExecutionEventsOptions = {}): ExecutionUpdates {
  type Entry = { listeners: Set<() => void>; ready: Promise<unknown> };
  const entries = new Map<string, Entry>();
  const onMessage = (channel: string) => {
    for (const listener of entries.get(channel)?.listeners ?? []) listener();
  };
  connection.on('message', onMessage);
  let closed = false;

  return {
    async listen(executionId, onUpdate) {
      if (closed) throw new Error('execution updates: closed');
      const channel = executionUpdateChannel(executionId, options);
      let entry = entries.get(channel);
      if (!entry) {
        entry = { listeners: new Set(), ready: connection.subscribe(channel) };
        entries.set(channel, entry);
      }
      const joined = entry;
      joined.listeners.add(onUpdate);
      try {
        await joined.ready;
      } catch (error) {
        joined.listeners.delete(onUpdate);
        // The next listener tries to subscribe again.
        if (entries.get(channel) === joined) entries.delete(channel);
        throw error;
      }
      let done = false;
      return async () => {
        if (done) return;
        done = true;
        joined.listeners.delete(onUpdate);
        if (joined.listeners.size > 0 || entries.get(channel) !== joined) return;
        entries.delete(channel);
        // Commands on one connection run in order: a SUBSCRIBE sent after this (a new listener) wins.
        await connection.unsubscribe(channel).catch(() => {});
      };
    },
    close() {
      closed = true;
      connection.off('message', onMessage);
      entries.clear();
    },
  };
}
