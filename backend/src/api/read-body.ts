// Reads a request body up to a limit: a declared Content-Length over the limit is refused before
// reading, and a streamed body is cut off as soon as it passes the limit (413 PAYLOAD_TOO_LARGE).
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.ts';

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${maxBytes} bytes`, { maxBytes });
}
