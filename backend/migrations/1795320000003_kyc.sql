-- Up Migration
-- KYC beyond the initial schema: when the provider last spoke about a verification (so a late webhook
-- cannot overwrite newer news), what the on-chain KycRegistry still needs (a retried, idempotent sync),
-- and the applicants of the embedded sandbox provider.

ALTER TABLE kyc_verifications
  -- Why a verification was rejected (the provider's non-personal reason), for the applicant.
  ADD COLUMN reason                text CHECK (char_length(reason) <= 1000),
  -- The provider's time of the status held. A provider event older than this is recorded but not applied.
  ADD COLUMN provider_event_at     timestamptz,
  -- The KycRegistry must be brought in line with the user's status (attest or revoke). Each status change
  -- bumps chain_generation, so a sync that started before the change cannot clear the flag after it.
  ADD COLUMN chain_sync_needed     boolean NOT NULL DEFAULT false,
  ADD COLUMN chain_generation      integer NOT NULL DEFAULT 0,
  ADD COLUMN chain_attempts        integer NOT NULL DEFAULT 0 CHECK (chain_attempts >= 0),
  ADD COLUMN chain_next_attempt_at timestamptz,
  -- A transaction sent but not yet seen mined: a retry looks it up instead of sending another one.
  ADD COLUMN chain_pending_tx      cr8_hash,
  ADD COLUMN chain_error           text,
  -- The expiry last written on-chain by attest(), and the revoke() transaction once revoked.
  ADD COLUMN attested_until        timestamptz,
  ADD COLUMN revocation_tx         cr8_hash;

CREATE INDEX kyc_verifications_chain_due_idx ON kyc_verifications (chain_next_attempt_at) WHERE chain_sync_needed;
CREATE INDEX kyc_verifications_verified_expiry_idx ON kyc_verifications (expires_at) WHERE status = 'verified';
CREATE INDEX users_kyc_verified_expiry_idx ON users (kyc_expires_at) WHERE kyc_status = 'verified';

-- The sandbox provider's applicants (KYC_PROVIDER=sandbox, the default for development): no personal
-- data, only the decision the developer asked for.
CREATE TABLE kyc_sandbox_applicants (
  external_id text PRIMARY KEY CHECK (external_id ~ '^sandbox-[0-9a-f-]{36}$'),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  level       text NOT NULL,
  status      kyc_status NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
  reason      text,
  -- How many decisions were taken: numbers the sandbox's webhook events.
  decisions   integer NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE kyc_sandbox_applicants;
DROP INDEX users_kyc_verified_expiry_idx, kyc_verifications_verified_expiry_idx, kyc_verifications_chain_due_idx;
ALTER TABLE kyc_verifications
  DROP COLUMN revocation_tx,
  DROP COLUMN attested_until,
  DROP COLUMN chain_error,
  DROP COLUMN chain_pending_tx,
  DROP COLUMN chain_next_attempt_at,
  DROP COLUMN chain_attempts,
  DROP COLUMN chain_generation,
  DROP COLUMN chain_sync_needed,
  DROP COLUMN provider_event_at,
  DROP COLUMN reason;
