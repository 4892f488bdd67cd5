// Test support: a GraphQL subscription over HTTP SSE (yoga's distinct-connections mode), read event by
// event as a browser's EventSource would. Each stream has its own connection pool, destroyed on close:
// a shared pool opens a spare connection after an aborted request, which the server's close would wait for.
import { Agent, fetch } from 'undici';
export type SseEvent = { event: string; data: any };

export type SseStream = {
  status: number;
  /** The next `next` or `complete` event (pings skipped); null once the stream has ended. */
  next: (timeoutMs?: number) => Promise<SseEvent | null>;
  close: () => void;
};

export async function openSubscription(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<SseStream> {
  const abort = new AbortController();
  const dispatcher = new Agent();
  const response = await fetch(`${url}/graphql`, {
    dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  async function next(timeoutMs = 5_000): Promise<SseEvent | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const boundary = buffer.indexOf('\n\n');
      if (boundary !== -1) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        if (!lines.length) continue; // a ping
        const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
        const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
        return { event, data: data ? JSON.parse(data) : null };
      }
      if (ended) return null;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no SSE event within ${timeoutMs} ms (buffer: ${JSON.stringify(buffer)})`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no SSE event within ${timeoutMs} ms (buffer: ${JSON.stringify(buffer)})`)), remaining);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) ended = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  }
  return {
    status: response.status,
    next,
    close: () => {
      abort.abort();
      void dispatcher.destroy().catch(() => {});
    },
  };
}
