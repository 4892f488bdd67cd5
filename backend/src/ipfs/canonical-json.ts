// One byte sequence per JSON value, so an agent card always hashes (and so addresses) the same way
// however its keys were ordered when it was built. The form is RFC 8785 (JCS) for the values a card
// can hold: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
// JSON.stringify writes them (which is what JCS specifies). Values JSON cannot carry exactly are
// refused rather than silently dropped or changed (JSON.stringify turns NaN into null and skips
// undefined), since the bytes are what the chain commits to.
import { IpfsError } from './errors.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Nesting deeper than this is refused: no card needs it, and it bounds the recursion. */
export const MAX_JSON_DEPTH = 32;

export type CanonicalJsonErrorType = IpfsError;

/** The canonical JSON text of `value`; throws INVALID_CARD for anything JSON cannot represent exactly. */
export function canonicalJson(value: unknown): string {
  return write(value, '$', 0, new Set());
}

function write(value: unknown, path: string, depth: number, ancestors: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, `${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw invalid(path, `a ${typeof value} is not a JSON value`);
  if (depth >= MAX_JSON_DEPTH) throw invalid(path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (ancestors.has(value)) throw invalid(path, 'is a circular reference');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let index = 0; index < value.length; index++) {
        // A sparse array's hole would become null: refuse it like undefined.
        if (!(index in value)) throw invalid(`${path}[${index}]`, 'is a hole in a sparse array');
        items.push(write(value[index], `${path}[${index}]`, depth + 1, ancestors));
      }
      return `[${items.join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(value);
    // Dates, Maps, class instances, Uint8Arrays... have no single JSON form: the caller must choose one.
    if (prototype !== Object.prototype && prototype !== null) throw invalid(path, `a ${value.constructor?.name ?? 'non-plain'} object is not a JSON object`);
    if (Object.getOwnPropertySymbols(value).length > 0) throw invalid(path, 'has symbol keys');
    // Default sort compares UTF-16 code units, as JCS requires.
    const keys = Object.keys(value).sort();
    const members = keys.map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

function invalid(path: string, reason: string): IpfsError {
  return new IpfsError('INVALID_CARD', `${path} ${reason}`);
}
