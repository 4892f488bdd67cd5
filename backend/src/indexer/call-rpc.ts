// One JSON-RPC call through a viem client (the client brings the transport: HTTP batching, timeouts),
// returning the node's raw answer: the indexer reads hex fields itself, without viem's formatters or
// caches (viem's getBlockNumber caches the head for its polling interval, which a follower must not).
//
// viem's errors quote the full RPC URL, and a hosted RPC URL carries its API key in the path or query.
// A failure is therefore rethrown as RpcFailedError over a copy of the error chain in which every URL
// is cut to its origin; the copy keeps each error's name, message, code, status and details, which is
// what logs and the too-large detection need.
import type { Client } from 'viem';
import { RpcFailedError } from './errors.ts';

const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>]+/g;

function originOnly(text: string): string {
  return text.replace(URL_PATTERN, (url) => {
    try {
      return new URL(url).origin;
    } catch {
      return '(url)';
    }
  });
}

type ErrorFacts = { name?: string; message?: string; stack?: string; code?: unknown; status?: unknown; details?: unknown; cause?: unknown };

/** A copy of `error` and its causes with URLs reduced to their origin. */
export function withoutUrlSecrets(error: unknown, depth = 0): Error {
  const facts = (error ?? {}) as ErrorFacts;
  const copy = new Error(originOnly(String(facts.message ?? error))) as Error & Record<string, unknown>;
  copy.name = facts.name ?? 'Error';
  copy.stack = originOnly(facts.stack ?? `${copy.name}: ${copy.message}`);
  if (facts.code !== undefined) copy.code = facts.code;
  if (facts.status !== undefined) copy.status = facts.status;
  if (typeof facts.details === 'string') copy.details = originOnly(facts.details);
  if (facts.cause !== undefined && depth < 8) copy.cause = withoutUrlSecrets(facts.cause, depth + 1);
  return copy;
}

export async function callRpc<Result>(client: Client, method: string, params: unknown[]): Promise<Result> {
  try {
    return (await client.request({ method, params } as never)) as Result;
  } catch (error) {
    throw new RpcFailedError(method, withoutUrlSecrets(error));
  }
}
