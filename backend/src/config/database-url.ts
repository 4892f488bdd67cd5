// DATABASE_URL validation shared by every backend process's config.
import { z } from 'zod';

export const databaseUrl = z
  .string()
  .refine((value) => {
    try {
      return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be a postgres:// or postgresql:// URL');

/** The URL with its password replaced, for logs and errors: secrets never reach them. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(invalid URL)';
  }
}
