// An API key as the API shows it: everything but the secret (which is never stored) and its hash.
import { API_KEY_SCOPES, type ApiKeyScope } from '../api/route.ts';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export type ApiKeyRecord = {
  id: string;
  name: string;
  /** The 12 hex characters after `cr8_key_`: enough to recognise a key in a listing or a log. */
  prefix: string;
  scopes: ApiKeyScope[];
  status: ApiKeyStatus;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** Requests authenticated with the key (written about once a second, so a moment behind). */
  usageCount: number;
  createdAt: string;
};

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  usage_count: string;
  created_at: Date;
};

export const API_KEY_COLUMNS = 'id, name, prefix, scopes, expires_at, revoked_at, last_used_at, usage_count, created_at';

export function toApiKeyRecord(row: ApiKeyRow, now: Date = new Date()): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: knownScopes(row.scopes),
    status: row.revoked_at ? 'revoked' : row.expires_at && row.expires_at.getTime() <= now.getTime() ? 'expired' : 'active',
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    usageCount: Number(row.usage_count),
    createdAt: row.created_at.toISOString(),
  };
}

/** Scopes this version knows; one written by a newer version grants nothing here. */
export function knownScopes(scopes: readonly string[]): ApiKeyScope[] {
  return scopes.filter((scope): scope is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(scope));
}
