// KYC configuration from the environment: a fragment of the API's zod config schema. Which provider runs
// (the embedded sandbox unless told otherwise), its credentials, and the attester key that writes verified
// wallets to the KycRegistry. Secrets are only ever read here and never logged (KYC_REDACTED_PATHS).
import { z } from 'zod';

/** Dev account #3 of anvil's test mnemonic (0x90F79bf6EB2c4f870365E785982E1f101E93b906): the devnet
 *  genesis (chain/config/genesis-params.json owners.kycAttester) grants it ATTESTER_ROLE. Public
 *  knowledge: for the local devnet only. */
export const DEVNET_KYC_ATTESTER_PRIVATE_KEY = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6' as const;

/** The sandbox's webhook secret when KYC_WEBHOOK_SECRET is unset. The sandbox lets anyone approve
 *  themselves anyway, so this default grants nothing; Sumsub requires a real secret. */
export const SANDBOX_DEFAULT_WEBHOOK_SECRET = 'cr8-kyc-sandbox-webhook-secret';

const optionalSecret = z.string().min(1).optional();

export const kycConfigShape = {
  /** `sandbox` (embedded, no network, developers decide outcomes) or `sumsub`. */
  KYC_PROVIDER: z.enum(['sandbox', 'sumsub']).default('sandbox'),
  KYC_SUMSUB_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.sumsub.com'),
  KYC_SUMSUB_APP_TOKEN: optionalSecret,
  KYC_SUMSUB_SECRET_KEY: optionalSecret,
  /** The secret webhooks are signed with (Sumsub: the webhook's secret key). */
  KYC_WEBHOOK_SECRET: optionalSecret,
  /** The provider's verification level (Sumsub levelName). */
  KYC_LEVEL: z.string().min(1).max(200).default('basic-kyc-level'),
  /** How long a verification lasts from its review when the provider gives no expiry. */
  KYC_VALIDITY_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Holds ATTESTER_ROLE on the KycRegistry; unset: verifications are not written on-chain (a warning). */
  KYC_ATTESTER_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'a 0x-prefixed 32-byte hex private key')
    .transform((value) => value as `0x${string}`)
    .optional(),
  /** The CR8 L3's JSON-RPC endpoint. */
  CHAIN_RPC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:9545'),
  /** Pause between KYC worker ticks (expiry sweep + chain sync). */
  KYC_WORKER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
};

export type KycConfig = z.infer<typeof kycConfigSchema>;

/** Cross-field rules (zod superRefine): Sumsub needs its credentials and a webhook secret. */
export function refineKycConfig(config: Partial<KycConfig>, context: z.RefinementCtx): void {
  if (config.KYC_PROVIDER !== 'sumsub') return;
  for (const variable of ['KYC_SUMSUB_APP_TOKEN', 'KYC_SUMSUB_SECRET_KEY', 'KYC_WEBHOOK_SECRET'] as const) {
    if (!config[variable]) context.addIssue({ code: 'custom', path: [variable], message: 'required when KYC_PROVIDER=sumsub' });
  }
}

/** The fragment on its own (tests, or a process that only runs KYC). */
export const kycConfigSchema = z.object(kycConfigShape).superRefine(refineKycConfig);

/** pino redaction paths for everything secret the KYC code handles (config keys wherever they appear,
 *  provider request headers, SDK access tokens). */
export const KYC_REDACTED_PATHS = [
  'KYC_SUMSUB_APP_TOKEN',
  'KYC_SUMSUB_SECRET_KEY',
  'KYC_WEBHOOK_SECRET',
  'KYC_ATTESTER_PRIVATE_KEY',
  '*.KYC_SUMSUB_APP_TOKEN',
  '*.KYC_SUMSUB_SECRET_KEY',
  '*.KYC_WEBHOOK_SECRET',
  '*.KYC_ATTESTER_PRIVATE_KEY',
  'accessToken',
  '*.accessToken',
  'headers["x-app-token"]',
  'headers["x-app-access-sig"]',
  'headers["x-payload-digest"]',
  'req.headers["x-app-token"]',
  'req.headers["x-app-access-sig"]',
  'req.headers["x-payload-digest"]',
];
