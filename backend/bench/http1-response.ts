// Where one HTTP/1.1 response ends in the bytes a keep-alive connection has received: just enough of
// RFC 9112 for a load generator (status line, Content-Length or chunked framing, Connection: close).
// The load generator (constant-rate.ts) reads responses with this instead of a full client because on
// two shared cores the client's own CPU and garbage-collection pauses were part of every latency it
// measured (undici: ~0.25 ms of CPU per request and scavenges of 20–50 ms).

export type ResponseHead = {
  statusCode: number;
  /** Bytes from the start of the buffer to the end of the whole response (head and body). */
  end: number;
  /** The server will close the connection after this response. */
  close: boolean;
};

export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * The first complete response at the start of `bytes`, or null while more bytes are needed.
 * Throws MalformedResponseError for what no well-behaved server sends on a keep-alive connection
 * (a response framed only by closing the connection included).
 */
export function completeResponse(bytes: Buffer): ResponseHead | null {
  const headEnd = bytes.indexOf(CRLF_CRLF);
  if (headEnd < 0) {
    if (bytes.length > 64 * 1024) throw new MalformedResponseError('response head larger than 64 KiB');
    return null;
  }
  const head = bytes.toString('latin1', 0, headEnd);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!status) throw new MalformedResponseError(`not an HTTP/1.1 status line: ${JSON.stringify(head.slice(0, 40))}`);
  const statusCode = Number(status[1]);
  let contentLength: number | null = null;
  let chunked = false;
  let close = false;
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MalformedResponseError(`malformed header line: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim().toLowerCase();
    if (name === 'content-length') {
      if (!/^\d+$/.test(value)) throw new MalformedResponseError(`bad Content-Length: ${value}`);
      contentLength = Number(value);
    } else if (name === 'transfer-encoding') chunked = value.split(',').at(-1)?.trim() === 'chunked';
    else if (name === 'connection') close = value.split(',').some((token) => token.trim() === 'close');
  }
  const bodyStart = headEnd + 4;
  // 1xx, 204 and 304 responses have no body whatever their headers say.
  if (statusCode < 200 || statusCode === 204 || statusCode === 304) return { statusCode, end: bodyStart, close };
  if (chunked) {
    const end = chunkedBodyEnd(bytes, bodyStart);
    return end === null ? null : { statusCode, end, close };
  }
  if (contentLength === null) throw new MalformedResponseError('response has neither Content-Length nor chunked framing');
  const end = bodyStart + contentLength;
  return bytes.length >= end ? { statusCode, end, close } : null;
}

/** The offset just past a chunked body's last chunk and (empty or not) trailer section, or null if incomplete. */
function chunkedBodyEnd(bytes: Buffer, start: number): number | null {
  let offset = start;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset, 'latin1');
    if (lineEnd < 0) return null;
    // A chunk size may carry extensions after a semicolon.
    const sizeText = bytes.toString('latin1', offset, lineEnd).split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) throw new MalformedResponseError(`bad chunk size: ${JSON.stringify(sizeText)}`);
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) {
      // Trailer fields, if any, end with an empty line.
      const trailerEnd = bytes.indexOf('\r\n', lineEnd + 2, 'latin1');
      if (trailerEnd < 0) return null;
      if (trailerEnd === lineEnd + 2) return trailerEnd + 2;
      const end = bytes.indexOf(CRLF_CRLF, lineEnd + 2);
      return end < 0 ? null : end + 4;
    }
    offset = lineEnd + 2 + size + 2;
    if (bytes.length < offset) return null;
  }
}
