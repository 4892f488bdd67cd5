// GET /ipfs/:cid for any HTTP framework: verified bytes of a card or asset, or an ApiError. Content
// here is written by anyone who can add a card, so it is never served as something a browser would
// render or run: json codec (and raw blocks that parse as a JSON object or array) as application/json,
// everything else as application/octet-stream, with nosniff and a sandboxing CSP. A CID names
// immutable bytes, so responses may be cached forever under the canonical CID as ETag.
//
// With the API server: `handle: async (r) => { const o = await readIpfsRoute(ipfsNode, r.params.cid);
// return new RestResponse(o.status, o.body, { 'content-type': o.contentType, ...o.headers }) }`.
import { ApiError } from '../api/api-error.ts';
import { DEFAULT_MAX_CARD_BYTES } from './add-card.ts';
import { IpfsError } from './errors.ts';
import { type GetObjectParameters, getObject } from './get-object.ts';
import { JSON_CODEC, parseCid } from './parse-cid.ts';
import type { IpfsBlocks } from './start-ipfs-node.ts';

export type IpfsRouteResponse = {
  status: 200;
  contentType: 'application/json' | 'application/octet-stream';
  body: Uint8Array;
  headers: Record<string, string>;
};

export type ReadIpfsRouteParameters = Pick<GetObjectParameters, 'maxBytes' | 'timeoutMs' | 'signal'>;

export type ReadIpfsRouteErrorType = ApiError | IpfsError;

/**
 * Answers GET /ipfs/:cid. Throws ApiError 400 INVALID_CID (not a raw/json sha2-256 CID), 404
 * NOT_FOUND (not here, and no peer sent it in time), 413 PAYLOAD_TOO_LARGE (over `maxBytes`).
 * A block on disk that fails verification is an IpfsError INTEGRITY_MISMATCH: a 500, logged.
 */
export async function readIpfsRoute(helia: IpfsBlocks, cidText: string, parameters: ReadIpfsRouteParameters = {}): Promise<IpfsRouteResponse> {
  try {
    // Frameworks hand over strings, but a bad router setup could pass anything: still a 400.
    const cid = parseCid(typeof cidText === 'string' ? cidText : '');
    const body = await getObject(helia, cid, parameters);
    const contentType = cid.code === JSON_CODEC || looksLikeJson(body) ? 'application/json' : 'application/octet-stream';
    return {
      status: 200,
      contentType,
      body,
      headers: {
        etag: `"${cid.toString()}"`,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        // Should a browser be sent here directly, nothing in the response may run or load anything.
        'content-security-policy': "default-src 'none'; sandbox",
      },
    };
  } catch (error) {
    throw toApiError(error);
  }
}

function toApiError(error: unknown): unknown {
  if (!(error instanceof IpfsError)) return error;
  switch (error.code) {
    case 'INVALID_CID':
    case 'UNSUPPORTED_HASH':
    case 'UNSUPPORTED_CODEC':
      return new ApiError(400, 'INVALID_CID', error.message);
    case 'NOT_FOUND':
      return new ApiError(404, 'NOT_FOUND', error.message);
    case 'TOO_LARGE':
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', error.message);
    default:
      return error;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A raw block that is UTF-8 text holding a JSON object or array (a card added as raw bytes). */
function looksLikeJson(bytes: Uint8Array): boolean {
  // Anything bigger than a card is an asset: not worth parsing on every request.
  if (bytes.length > DEFAULT_MAX_CARD_BYTES) return false;
  try {
    const text = strictUtf8.decode(bytes).trim();
    if (!(text.startsWith('{') || text.startsWith('['))) return false;
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
