// Small input checks shared by the example agents (they carry no dependencies, so no zod): each failure
// is a BadInputError naming the field, which the caller sees as `bad input: ...`.
import { BadInputError } from './serve-agent.ts';

/** The input as an object with only `allowed` keys. */
export function readObject(input: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new BadInputError(`expected an object like {"text": "..."}, got ${describe(input)}`);
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new BadInputError(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
  return input as Record<string, unknown>;
}

export function readText(object: Record<string, unknown>, field: string): string {
  const value = object[field];
  if (typeof value !== 'string') throw new BadInputError(`${field} must be a string, got ${describe(value)}`);
  if (value.trim() === '') throw new BadInputError(`${field} is empty`);
  return value;
}

export function readInteger(object: Record<string, unknown>, field: string, range: { min: number; max: number; default: number }): number {
  const value = object[field];
  if (value === undefined) return range.default;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new BadInputError(`${field} must be an integer from ${range.min} to ${range.max}, got ${describe(value)}`);
  }
  return value;
}

export function readBoolean(object: Record<string, unknown>, field: string, defaultValue: boolean): boolean {
  const value = object[field];
  if (value === undefined) return defaultValue;
  if (typeof value !== 'boolean') throw new BadInputError(`${field} must be true or false, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'nothing' : `${typeof value} ${String(value)}`;
}
