// An agent's output as the receipt commits to it: the canonical JSON text (RFC 8785 for what JSON.parse
// can produce: keys sorted by UTF-16 code units, no whitespace, numbers and strings as JSON.stringify
// writes them), its sha256 as 0x-hex, and the same text is what PostgreSQL stores. Output PostgreSQL
// cannot store faithfully (a NUL or an unpaired surrogate in a string, a non-finite number, absurd
// nesting) is refused here, as MALFORMED_OUTPUT, rather than failing the outcome's transaction on
// every retry.
import { createHash } from 'node:crypto';

/** Deeper output is refused: it bounds the recursion below and PostgreSQL's own jsonb parser. */
export const MAX_OUTPUT_DEPTH = 256;

export type CanonicalOutput = { ok: true; json: string; outputHash: `0x${string}` } | { ok: false; message: string };

export function canonicalOutput(output: unknown): CanonicalOutput {
  let json: string;
  try {
    json = write(output, 0);
  } catch (error) {
    if (error instanceof UnstorableOutput) return { ok: false, message: `the agent's output cannot be stored: ${error.message}` };
    throw error;
  }
  return { ok: true, json, outputHash: sha256Hex(json) };
}

export function sha256Hex(text: string): `0x${string}` {
  return `0x${createHash('sha256').update(text).digest('hex')}`;
}

class UnstorableOutput extends Error {}

function write(value: unknown, depth: number): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return writeString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnstorableOutput(`${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new UnstorableOutput(`a ${typeof value} is not a JSON value`);
  if (depth >= MAX_OUTPUT_DEPTH) throw new UnstorableOutput(`it nests deeper than ${MAX_OUTPUT_DEPTH} levels`);
  if (Array.isArray(value)) return `[${value.map((item) => write(item, depth + 1)).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${writeString(key)}:${write((value as Record<string, unknown>)[key], depth + 1)}`).join(',')}}`;
}

function writeString(value: string): string {
  if (value.includes('\0')) throw new UnstorableOutput('a string holds a NUL character');
  if (!value.isWellFormed()) throw new UnstorableOutput('a string holds an unpaired surrogate');
  return JSON.stringify(value);
}

/** Log text PostgreSQL can store: no NULs, no unpaired surrogates. */
export function storableText(text: string): string {
  return text.replaceAll('\0', '').toWellFormed();
}
