// What a developer sends to register an agent. Everything is validated before anything is written;
// amounts are decimal strings of wei (exact), and secrets (third-party keys the agent needs) travel in
// `executionConfig.secrets`, are encrypted at rest and never appear in the card or any response.
import { z } from 'zod';

const wei = z.string().regex(/^(0|[1-9][0-9]{0,77})$/, 'a decimal integer amount of wei');
const isWei = (value: string) => /^(0|[1-9][0-9]{0,77})$/.test(value);
// Zod runs refinements even after the regex failed: each guards its own BigInt().
const uint96Wei = wei.refine((value) => !isWei(value) || BigInt(value) < 2n ** 96n, 'must be below 2^96 wei');
/** On-chain token names and symbols are 1 to 31 bytes. */
const shortString = (label: string) => z.string().min(1).refine((value) => Buffer.byteLength(value) <= 31, `${label} must be at most 31 bytes`);

export const registrationEndpoint = z
  .object({
    name: z.string().min(1).max(40),
    endpoint: z.string().min(1).max(500),
    version: z.string().max(40).optional(),
  })
  .strict();

export const executionConfig = z
  .object({
    runtime: z.enum(['local', 'kubernetes', 'inference']),
    /** local: the command to run (argv). */
    command: z.array(z.string().max(500)).min(1).max(50).optional(),
    /** kubernetes: the container image. */
    image: z.string().max(300).optional(),
    /** inference: the model and prompt template. */
    model: z.string().max(200).optional(),
    promptTemplate: z.string().max(20_000).optional(),
    gpu: z.object({ model: z.string().max(60).optional(), count: z.number().int().min(0).max(64).default(0), vramGb: z.number().int().min(0).max(4096).optional() }).strict().optional(),
    timeoutSeconds: z.number().int().min(1).max(86_400).default(300),
    maxConcurrent: z.number().int().min(1).max(10_000).default(4),
    deterministic: z.boolean().default(false),
    /** Encrypted at rest (AES-256-GCM), never returned, never on IPFS. */
    secrets: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'secret names are env-style identifiers'), z.string().max(4096)).optional(),
  })
  .strict();

export const registrationAuthorization = z
  .object({
    /** The creator's EIP-712 signature over the `typedData` the first call returned. */
    signature: z.string().regex(/^0x[0-9a-fA-F]+$/, '0x-hex').max(2 + 2 * 1024),
    nonce: z.string().regex(/^(0|[1-9][0-9]{0,77})$/),
    deadline: z.string().regex(/^[1-9][0-9]{0,19}$/),
  })
  .strict();

export const registrationRequest = z
  .object({
    /** Retries with the same key resume the same registration (required: registration is multi-step). */
    idempotencyKey: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
    name: z.string().min(1).max(100),
    description: z.string().max(5000).default(''),
    image: z.string().max(500).optional(),
    endpoints: z.array(registrationEndpoint).max(20).default([]),
    capabilities: z.array(z.string().min(1).max(60)).max(50).default([]),
    pricing: z.object({ feePerExecution: uint96Wei, gpuMultiplierBps: z.number().int().min(0).max(1_000_000).default(10_000) }).strict(),
    token: z
      .object({
        name: shortString('token.name'),
        symbol: shortString('token.symbol'),
        /** Total supply in the token's smallest unit (18 decimals). */
        supply: uint96Wei.refine((value) => !isWei(value) || BigInt(value) > 0n, 'must be positive'),
        creatorShareBps: z.number().int().min(0).max(10_000),
      })
      .strict(),
    executionConfig,
    /** Present on the second call of a relayed registration. */
    authorization: registrationAuthorization.optional(),
  })
  .strict();

export type RegistrationRequest = z.infer<typeof registrationRequest>;
/** The request as stored: no secrets, no authorization (those are not part of what is registered). */
export type StoredRegistration = Omit<RegistrationRequest, 'authorization' | 'executionConfig'> & { executionConfig: Omit<RegistrationRequest['executionConfig'], 'secrets'>; secretNames: string[] };

export function toStoredRegistration(request: RegistrationRequest): StoredRegistration {
  const { authorization: _authorization, executionConfig: { secrets, ...publicConfig }, ...rest } = request;
  return { ...rest, executionConfig: publicConfig, secretNames: Object.keys(secrets ?? {}).sort() };
}
