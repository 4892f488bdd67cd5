// The API process's configuration, from the environment, validated once at start.
import { z } from 'zod';
import { databaseUrl } from '../config/database-url.ts';

export const apiConfigSchema = z.object({
  DATABASE_URL: databaseUrl,
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Connections the API keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** The CR8 L3 the API reads, registers agents on and attests KYC to. */
  CHAIN_RPC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:9545'),
  CHAIN_ID: z.coerce.number().int().positive().default(888008),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
