// Structured JSON logs (pino). Fields that can carry secrets are redacted wherever they appear.
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'password',
  '*.password',
  'privateKey',
  '*.privateKey',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'secrets',
  '*.secrets',
  'token',
  '*.token',
  'databaseUrl',
  '*.databaseUrl',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

export function createLogger(parameters: { service: string; level?: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      name: parameters.service,
      level: parameters.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: parameters.service },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    parameters.destination,
  );
}
