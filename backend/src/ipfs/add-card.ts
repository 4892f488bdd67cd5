// An agent card goes to IPFS as canonical JSON under the json codec (0x0200): the same card always
// gives the same CID, gateways serve it as application/json, and the `ipfs://bagaaiera…` URI fits the
// AgentRegistry's compact CID form, whose digest is the card's metadata hash.
import { canonicalJson } from './canonical-json.ts';
import { addBlock } from './add-block.ts';
import { IpfsError } from './errors.ts';
import type { IpfsReference } from './ipfs-reference.ts';
import { JSON_CODEC } from './parse-cid.ts';
import type { IpfsBlocks } from './start-ipfs-node.ts';

/** Largest card accepted, in canonical JSON bytes. A card is metadata; images go in as assets. */
export const DEFAULT_MAX_CARD_BYTES = 64 * 1024;

export type AgentCard = Record<string, unknown>;

export type AddCardParameters = {
  /** Default 64 KiB. */
  maxBytes?: number;
  signal?: AbortSignal;
};

export type AddCardReturnType = IpfsReference;
export type AddCardErrorType = IpfsError;

/** Canonical JSON bytes of `card`, exactly what `addCard` stores (and so what its CID hashes). */
export function encodeCard(card: AgentCard): Uint8Array {
  if (card === null || typeof card !== 'object' || Array.isArray(card)) throw new IpfsError('INVALID_CARD', 'an agent card must be a JSON object');
  return new TextEncoder().encode(canonicalJson(card));
}

/** Stores and pins `card`; returns its CID, `ipfs://` URI and metadata hash. */
export async function addCard(helia: IpfsBlocks, card: AgentCard, parameters: AddCardParameters = {}): Promise<AddCardReturnType> {
  const bytes = encodeCard(card);
  const maxBytes = parameters.maxBytes ?? DEFAULT_MAX_CARD_BYTES;
  if (bytes.length > maxBytes) throw new IpfsError('TOO_LARGE', `the card is ${bytes.length} bytes of JSON; the limit is ${maxBytes}`);
  return addBlock(helia, bytes, { codec: JSON_CODEC, signal: parameters.signal, pinMetadata: { kind: 'card' } });
}
