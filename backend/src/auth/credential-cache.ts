// Recent authentications, so a client's burst of requests costs one database lookup instead of one
// each. Entries live a few seconds (a revocation elsewhere takes effect within that) and at most until
// the credential expires; revoking here drops the entry at once. Past its refresh point (set by the
// caller, before the end of its life) an entry is still served, and `takeRefresh` tells one caller to
// look the credential up again in the background: a busy client's requests then never wait for the
// lookup that replaces its entry. The Map's insertion order makes it an
// LRU: a hit moves the entry to the end, and the oldest entries go first when it is full.
import type { Principal } from '../api/route.ts';

/** A credential's standing: who it is, or why it is refused (also remembered, so a client retrying a
 *  revoked key does not reach the database every time). */
export type CachedCredential = { principal: Principal } | { refusal: string };

type Entry = { value: CachedCredential; validUntil: number; refreshAfter: number; refreshTaken: boolean; credentialId: string | null };

export type CredentialCache = {
  get: (tokenHash: string, now: number) => CachedCredential | undefined;
  /** Caches `value` until `validUntil`; from `refreshAfter` on (default: never before it expires) the
   *  entry is due for a refresh. */
  set: (tokenHash: string, value: CachedCredential, validUntil: number, refreshAfter?: number) => void;
  /** True once per entry, for the first caller that finds it valid but past its refresh point: that
   *  caller looks the credential up again (and `set`s the answer); the others keep using the entry. */
  takeRefresh: (tokenHash: string, now: number) => boolean;
  /** Forgets a credential by id (sign-out, key revocation): the next request looks it up again. */
  forget: (credentialId: string) => void;
  clear: () => void;
  readonly size: number;
};

export const DEFAULT_CREDENTIAL_CACHE = { ttlMs: 5_000, maxEntries: 10_000 };

export function createCredentialCache(options: { maxEntries?: number } = {}): CredentialCache {
  const maxEntries = options.maxEntries ?? DEFAULT_CREDENTIAL_CACHE.maxEntries;
  const entries = new Map<string, Entry>();
  const hashesById = new Map<string, Set<string>>();

  function remove(tokenHash: string): void {
    const entry = entries.get(tokenHash);
    if (!entry) return;
    entries.delete(tokenHash);
    if (entry.credentialId) {
      const hashes = hashesById.get(entry.credentialId);
      hashes?.delete(tokenHash);
      if (hashes?.size === 0) hashesById.delete(entry.credentialId);
    }
  }

  return {
    get(tokenHash, now) {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (entry.validUntil <= now) {
        remove(tokenHash);
        return undefined;
      }
      entries.delete(tokenHash);
      entries.set(tokenHash, entry);
      return entry.value;
    },
    set(tokenHash, value, validUntil, refreshAfter = validUntil) {
      remove(tokenHash);
      const credentialId = 'principal' in value ? value.principal.credentialId : null;
      entries.set(tokenHash, { value, validUntil, refreshAfter, refreshTaken: false, credentialId });
      if (credentialId) {
        let hashes = hashesById.get(credentialId);
        if (!hashes) hashesById.set(credentialId, (hashes = new Set()));
        hashes.add(tokenHash);
      }
      while (entries.size > maxEntries) remove(entries.keys().next().value!);
    },
    takeRefresh(tokenHash, now) {
      const entry = entries.get(tokenHash);
      if (!entry || entry.refreshTaken || now < entry.refreshAfter || entry.validUntil <= now) return false;
      entry.refreshTaken = true;
      return true;
    },
    forget(credentialId) {
      for (const tokenHash of [...(hashesById.get(credentialId) ?? [])]) remove(tokenHash);
    },
    clear() {
      entries.clear();
      hashesById.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
