// The signed-in user as the API shows them: wallet, KYC (expiry honoured at read time, so a lapsed
// verification reads `expired` before the sweep writes it), how many API keys are active, and the
// credential this request came with.
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { ApiKeyScope, Principal } from '../api/route.ts';
import { effectiveKycStatus } from '../kyc/kyc-state.ts';
import type { KycStatus } from '../kyc/provider.ts';

export type CurrentUser = {
  id: string;
  walletAddress: `0x${string}`;
  displayName: string | null;
  kyc: { status: KycStatus; expiresAt: string | null };
  /** Unrevoked, unexpired API keys (GET /api/keys lists them). */
  activeApiKeys: number;
  /** What this request authenticated with. */
  credential: { kind: Principal['kind']; id: string; scopes: readonly ApiKeyScope[] };
  createdAt: string;
};

type Row = {
  id: string;
  wallet_address: `0x${string}`;
  display_name: string | null;
  kyc_status: KycStatus;
  kyc_expires_at: Date | null;
  created_at: Date;
  active_api_keys: number;
};

export async function getCurrentUser(db: Pool, principal: Principal, now: Date = new Date()): Promise<CurrentUser> {
  const { rows } = await db.query<Row>({
    name: 'users-get-current',
    text: `SELECT u.id, u.wallet_address, u.display_name, u.kyc_status, u.kyc_expires_at, u.created_at,
                  (SELECT count(*)::int FROM api_keys k WHERE k.user_id = u.id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)) AS active_api_keys
           FROM users u WHERE u.id = $1`,
    values: [principal.userId, now],
  });
  const row = rows[0];
  // The credential was valid a moment ago, but its user has since been deleted.
  if (!row) throw new ApiError(401, 'UNAUTHENTICATED', 'the signed-in user no longer exists');
  return {
    id: row.id,
    walletAddress: row.wallet_address,
    displayName: row.display_name,
    kyc: { status: effectiveKycStatus(row.kyc_status, row.kyc_expires_at, now), expiresAt: row.kyc_expires_at?.toISOString() ?? null },
    activeApiKeys: row.active_api_keys,
    credential: { kind: principal.kind, id: principal.credentialId, scopes: principal.scopes },
    createdAt: row.created_at.toISOString(),
  };
}
