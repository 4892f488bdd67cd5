// The API process's configuration, from the environment, validated once at start: its own settings
// plus each feature's fragment (auth and rate limits, secrets, KYC, IPFS, registration, executions, payments).
import { join } from 'node:path';
import { repoRoot } from '@cr8/contracts/toolchain';
import { z } from 'zod';
import { authConfigSchema } from '../auth/config.ts';
import { databaseUrl } from '../config/database-url.ts';
import { executionsConfigShape } from '../executions/config.ts';
import { ipfsConfigShape } from '../ipfs/config.ts';
import { kycConfigShape, refineKycConfig } from '../kyc/config.ts';
import { paymentsConfigShape } from '../payments/config.ts';
import { secretsConfigSchema } from '../secrets/config.ts';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const apiConfigSchema = z
  .object({
    DATABASE_URL: databaseUrl,
    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Connections the API keeps to PostgreSQL. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    ...authConfigSchema.shape,
    ...secretsConfigSchema.shape,
    ...kycConfigShape,
    ...ipfsConfigShape,
    ...executionsConfigShape,
    ...paymentsConfigShape,
    /** The IPFS node's blocks, pins and key (default: .cr8/ipfs in the repository). */
    IPFS_DIR: z.string().min(1).default(join(repoRoot, '.cr8', 'ipfs')),
    /** The CR8 L3 the API reads, registers agents on and attests KYC to (CHAIN_RPC_URL comes with KYC's fragment). */
    CHAIN_ID: z.coerce.number().int().positive().default(888008),
    /** The account that relays registerAgentFor (pays gas and the registration fee); unset: wallet-sent registration only. */
    REGISTRATION_RELAYER_PRIVATE_KEY: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, 'a 0x-prefixed 32-byte hex private key')
      .transform((value) => value as `0x${string}`)
      .optional(),
    /** Whether publishing an agent needs verified KYC (default true). */
    REGISTRATION_REQUIRES_KYC: booleanFlag.default(true),
  })
  .superRefine(refineKycConfig);

export type ApiConfig = z.infer<typeof apiConfigSchema>;
