// One validated config per process: a zod schema over the environment, checked once at start. A bad
// or missing variable stops the process with every problem listed (names and reasons, never values:
// a value may be a secret).
import type { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
  readonly issues: Array<{ variable: string; message: string }>;
  constructor(service: string, issues: Array<{ variable: string; message: string }>) {
    super(`${service}: invalid configuration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n')}`);
    this.issues = issues;
  }
}

export function loadConfig<Schema extends z.ZodType>(service: string, schema: Schema, env: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => ({ variable: issue.path.join('.') || '(environment)', message: issue.message })),
  );
}
