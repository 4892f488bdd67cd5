// IPFS in the API: the verified read route `GET /ipfs/:cid` (cards and assets, from this node or its
// peers) and asset upload `POST /api/v1/assets` (raw bytes, e.g. an agent's image), pinned here.
import { ApiError } from '../api/api-error.ts';
import { type ApiModule, RestResponse, route } from '../api/route.ts';
import { addAsset } from './add-asset.ts';
import { IpfsError } from './errors.ts';
import { readIpfsRoute } from './ipfs-route.ts';
import type { IpfsBlocks } from './start-ipfs-node.ts';

export function ipfsModule(deps: { node: IpfsBlocks; maxObjectBytes: number; getTimeoutMs: number }): ApiModule {
  return {
    name: 'ipfs',
    routes: [
      route({
        method: 'GET',
        path: '/ipfs/:cid',
        summary: 'The verified bytes of a card or asset by CIDv1 (raw or json codec, sha2-256); immutable, cacheable',
        tag: 'ipfs',
        auth: 'public',
        responses: { 400: 'Not a CID this node verifies (INVALID_CID)', 404: 'Not available here or from peers in time (NOT_FOUND)', 413: 'Larger than the limit (PAYLOAD_TOO_LARGE)' },
        handle: async ({ params }) => {
          const object = await readIpfsRoute(deps.node, params.cid!, { maxBytes: deps.maxObjectBytes, timeoutMs: deps.getTimeoutMs });
          return new RestResponse(object.status, object.body, { 'content-type': object.contentType, ...object.headers });
        },
      }),
      route({
        method: 'POST',
        path: '/api/v1/assets',
        summary: 'Store and pin an asset (raw bytes, any content type) on this node: {cid, uri, metadataHash, size}',
        tag: 'ipfs',
        auth: 'user',
        scope: 'agents:write',
        rawBody: true,
        maxBodyBytes: deps.maxObjectBytes,
        responses: { 400: 'Empty body (INVALID_ARGUMENT)', 413: 'Larger than the limit (PAYLOAD_TOO_LARGE)' },
        handle: async ({ rawBody }) => {
          if (!rawBody || rawBody.length === 0) throw new ApiError(400, 'INVALID_ARGUMENT', 'send the asset bytes as the body');
          try {
            return await addAsset(deps.node, new Uint8Array(rawBody), { maxBytes: deps.maxObjectBytes });
          } catch (error) {
            if (error instanceof IpfsError && error.code === 'TOO_LARGE') throw new ApiError(413, 'PAYLOAD_TOO_LARGE', error.message);
            throw error;
          }
        },
      }),
    ],
  };
}
