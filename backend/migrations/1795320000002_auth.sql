-- Up Migration
-- Authentication housekeeping (backend/src/auth/prune-expired-credentials.ts) deletes SIWE nonces and
-- sessions by expiry; these indexes keep that a range scan instead of a walk over every row.
CREATE INDEX siwe_nonces_expires_idx ON siwe_nonces (expires_at);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Down Migration
DROP INDEX sessions_expires_idx, siwe_nonces_expires_idx;
