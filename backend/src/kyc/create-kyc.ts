// Builds the KYC dependencies from the validated config: the active provider and (when a key is set) the
// attester that writes to the KycRegistry.
import type { Pool } from 'pg';
import { createKycAttester, type KycAttester } from './attest-onchain.ts';
import { type KycConfig, SANDBOX_DEFAULT_WEBHOOK_SECRET } from './config.ts';
import type { KycProvider } from './provider.ts';
import { createSandboxProvider } from './sandbox-provider.ts';
import { createSumsubProvider } from './sumsub-provider.ts';

export type Kyc = {
  provider: KycProvider;
  attester: KycAttester | null;
  level: string;
  validityDays: number;
  workerIntervalMs: number;
};

export function createKyc(config: KycConfig, deps: { db: Pool }): Kyc {
  const provider =
    config.KYC_PROVIDER === 'sumsub'
      ? createSumsubProvider({
          baseUrl: config.KYC_SUMSUB_BASE_URL,
          appToken: required(config.KYC_SUMSUB_APP_TOKEN, 'KYC_SUMSUB_APP_TOKEN'),
          secretKey: required(config.KYC_SUMSUB_SECRET_KEY, 'KYC_SUMSUB_SECRET_KEY'),
          webhookSecret: required(config.KYC_WEBHOOK_SECRET, 'KYC_WEBHOOK_SECRET'),
        })
      : createSandboxProvider({ db: deps.db, webhookSecret: config.KYC_WEBHOOK_SECRET ?? SANDBOX_DEFAULT_WEBHOOK_SECRET });
  return {
    provider,
    attester: config.KYC_ATTESTER_PRIVATE_KEY ? createKycAttester({ rpcUrl: config.CHAIN_RPC_URL, privateKey: config.KYC_ATTESTER_PRIVATE_KEY }) : null,
    level: config.KYC_LEVEL,
    validityDays: config.KYC_VALIDITY_DAYS,
    workerIntervalMs: config.KYC_WORKER_INTERVAL_MS,
  };
}

// refineKycConfig already refuses this at boot; the check keeps a hand-built config honest too.
function required(value: string | undefined, variable: string): string {
  if (!value) throw new Error(`${variable} is required when KYC_PROVIDER=sumsub`);
  return value;
}
