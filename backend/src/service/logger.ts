// Structured JSON logs (pino). Fields that can carry secrets are redacted wherever they appear.
import { KYC_REDACTED_PATHS } from '../kyc/config.ts';
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
  // API keys as created, the secrets key, Redis URLs (may hold a password), agents' secrets.
  'key',
  '*.key',
  'SECRETS_KEY',
  '*.SECRETS_KEY',
  'SECRETS_PREVIOUS_KEYS',
  '*.SECRETS_PREVIOUS_KEYS',
  'REDIS_URL',
  '*.REDIS_URL',
  'REGISTRATION_RELAYER_PRIVATE_KEY',
  '*.REGISTRATION_RELAYER_PRIVATE_KEY',
  'env',
  '*.env',
  '*.executionConfig.secrets',
  '*.executionConfig.env',
  'encrypted_secrets',
  '*.encrypted_secrets',
  ...KYC_REDACTED_PATHS,
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
