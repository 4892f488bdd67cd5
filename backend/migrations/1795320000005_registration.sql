-- Up Migration
-- Agent registration as a resumable state machine (draft → pinned → registering → registered):
-- - registration: the request as accepted (no secrets), so a retry or a restart resumes with exactly
--   the same card and on-chain registration;
-- - request_hash: a retried request must be the same request (else 409 CONFLICT);
-- - registration_raw_tx: the relayed transaction as signed, stored BEFORE it is broadcast, so a crash
--   between signing and broadcasting re-sends the same transaction instead of a second one.
ALTER TABLE agents
  ADD COLUMN registration jsonb,
  ADD COLUMN request_hash cr8_hash,
  ADD COLUMN registration_raw_tx bytea,
  ADD COLUMN registration_error text;
-- Linking wallet-sent registrations looks agents up by creator and card hash.
CREATE INDEX agents_unlinked_idx ON agents (creator_address, metadata_hash) WHERE onchain_id IS NULL;

-- Down Migration
DROP INDEX agents_unlinked_idx;
ALTER TABLE agents DROP COLUMN registration, DROP COLUMN request_hash, DROP COLUMN registration_raw_tx, DROP COLUMN registration_error;
