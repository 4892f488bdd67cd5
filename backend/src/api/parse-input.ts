// Validates input against a zod schema the way every API entry point refuses bad input: 400
// INVALID_ARGUMENT, a message naming each bad field, and `details.issues` for machines.
import type { z } from 'zod';
import { ApiError } from './api-error.ts';

export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new ApiError(400, 'INVALID_ARGUMENT', issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '), { issues });
}
