-- Up Migration
-- The CR8 backend's first schema. Money is wei in NUMERIC(78, 0) (any uint256), never a float;
-- addresses are lower-case 0x-hex text checked by the cr8_address domain; every table the API lists
-- has the index its default sort and filters use.

CREATE DOMAIN cr8_address AS text CHECK (VALUE ~ '^0x[0-9a-f]{40}$');
CREATE DOMAIN cr8_wei AS numeric CHECK (VALUE >= 0 AND VALUE = trunc(VALUE) AND VALUE < 2::numeric ^ 256);
CREATE DOMAIN cr8_hash AS text CHECK (VALUE ~ '^0x[0-9a-f]{64}$');

CREATE TYPE kyc_status AS ENUM ('none', 'pending', 'verified', 'rejected', 'expired');
CREATE TYPE agent_status AS ENUM ('draft', 'pinned', 'registering', 'registered', 'paused', 'failed');
CREATE TYPE execution_status AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out');

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wallet_address cr8_address NOT NULL UNIQUE,
  display_name   text CHECK (char_length(display_name) <= 100),
  kyc_status     kyc_status NOT NULL DEFAULT 'none',
  kyc_expires_at timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Sign-In with Ethereum: a nonce is issued once and consumed once (replay protection).
CREATE TABLE siwe_nonces (
  nonce      text PRIMARY KEY CHECK (nonce ~ '^[A-Za-z0-9]{8,64}$'),
  issued_at  timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);

CREATE TABLE sessions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Developer API keys: only a SHA-256 of the key is stored; `prefix` is what the portal shows.
CREATE TABLE api_keys (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  prefix       text NOT NULL UNIQUE,
  key_hash     bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
  scopes       text[] NOT NULL DEFAULT '{}',
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz,
  usage_count  bigint NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

CREATE TABLE kyc_verifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider    text NOT NULL,
  external_id text NOT NULL,
  status      kyc_status NOT NULL DEFAULT 'pending',
  level       text NOT NULL DEFAULT 'basic',
  expires_at  timestamptz,
  -- The KycRegistry attestation transaction, once the verified status is on-chain.
  attestation_tx cr8_hash,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, external_id)
);
CREATE INDEX kyc_verifications_user_idx ON kyc_verifications (user_id, created_at DESC);

-- Provider webhooks, kept once per event id: a replayed webhook is recognised and ignored.
CREATE TABLE kyc_webhook_events (
  provider    text NOT NULL,
  event_id    text NOT NULL,
  payload     jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);

CREATE TABLE agents (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The AgentRegistry id once registered on the L3 (ids start at 1).
  onchain_id         numeric(78, 0) UNIQUE CHECK (onchain_id >= 1),
  creator_user_id    uuid NOT NULL REFERENCES users (id),
  creator_address    cr8_address NOT NULL,
  name               text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  description        text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  capabilities       text[] NOT NULL DEFAULT '{}',
  -- The ERC-8004 agent card on IPFS, and its sha2-256 digest (the registry's metadata hash).
  card_cid           text,
  metadata_hash      cr8_hash,
  token_address      cr8_address,
  status             agent_status NOT NULL DEFAULT 'draft',
  fee_per_execution  cr8_wei NOT NULL DEFAULT 0,
  gpu_multiplier_bps integer NOT NULL DEFAULT 10000 CHECK (gpu_multiplier_bps BETWEEN 0 AND 1000000),
  -- Execution config without secrets; secrets are AES-256-GCM ciphertext, never returned.
  execution_config   jsonb NOT NULL DEFAULT '{}',
  encrypted_secrets  bytea,
  -- Registration is idempotent per creator and key: a retried request finds its first attempt.
  idempotency_key    text,
  registration_tx    cr8_hash,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (creator_user_id, idempotency_key)
);
CREATE INDEX agents_created_idx ON agents (created_at DESC, id DESC);
CREATE INDEX agents_status_created_idx ON agents (status, created_at DESC, id DESC);
CREATE INDEX agents_creator_idx ON agents (creator_address, created_at DESC);
CREATE INDEX agents_fee_idx ON agents (fee_per_execution, id);

CREATE TABLE agent_executions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id         uuid NOT NULL REFERENCES agents (id),
  user_id          uuid REFERENCES users (id),
  api_key_id       uuid REFERENCES api_keys (id),
  status           execution_status NOT NULL DEFAULT 'queued',
  input            jsonb NOT NULL,
  input_hash       cr8_hash NOT NULL,
  result           jsonb,
  output_hash      cr8_hash,
  error            text,
  cost_wei         cr8_wei,
  gpu_milliseconds bigint CHECK (gpu_milliseconds >= 0),
  queued_at        timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  CHECK (finished_at IS NULL OR started_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX agent_executions_agent_idx ON agent_executions (agent_id, queued_at DESC);
CREATE INDEX agent_executions_user_idx ON agent_executions (user_id, queued_at DESC);
CREATE INDEX agent_executions_open_idx ON agent_executions (status) WHERE status IN ('queued', 'running');

CREATE TABLE usage_records (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      uuid REFERENCES users (id),
  api_key_id   uuid REFERENCES api_keys (id),
  agent_id     uuid REFERENCES agents (id),
  execution_id uuid REFERENCES agent_executions (id),
  endpoint     text NOT NULL,
  units        bigint NOT NULL DEFAULT 1 CHECK (units >= 0),
  cost_wei     cr8_wei NOT NULL DEFAULT 0,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX usage_records_key_idx ON usage_records (api_key_id, recorded_at DESC);
CREATE INDEX usage_records_agent_idx ON usage_records (agent_id, recorded_at DESC);

-- Chain indexer: the blocks it has applied (to detect a changed hash, i.e. a reorg), the events, and a
-- cursor per stream. Rolling back a reorg deletes blocks above the fork point; events go with them.
CREATE TABLE indexed_blocks (
  chain_id    bigint NOT NULL,
  number      bigint NOT NULL CHECK (number >= 0),
  hash        cr8_hash NOT NULL,
  parent_hash cr8_hash NOT NULL,
  timestamp   timestamptz NOT NULL,
  PRIMARY KEY (chain_id, number)
);

CREATE TABLE chain_events (
  chain_id     bigint NOT NULL,
  block_number bigint NOT NULL,
  log_index    integer NOT NULL CHECK (log_index >= 0),
  block_hash   cr8_hash NOT NULL,
  tx_hash      cr8_hash NOT NULL,
  contract     cr8_address NOT NULL,
  event_name   text NOT NULL,
  args         jsonb NOT NULL,
  PRIMARY KEY (chain_id, block_number, log_index),
  FOREIGN KEY (chain_id, block_number) REFERENCES indexed_blocks (chain_id, number) ON DELETE CASCADE
);
CREATE INDEX chain_events_contract_idx ON chain_events (contract, event_name, block_number);

CREATE TABLE indexer_cursors (
  name         text PRIMARY KEY,
  chain_id     bigint NOT NULL,
  block_number bigint NOT NULL CHECK (block_number >= 0),
  block_hash   cr8_hash NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE indexer_cursors, chain_events, indexed_blocks, usage_records, agent_executions, agents,
  kyc_webhook_events, kyc_verifications, api_keys, sessions, siwe_nonces, users;
DROP TYPE execution_status, agent_status, kyc_status;
DROP DOMAIN cr8_hash, cr8_wei, cr8_address;
