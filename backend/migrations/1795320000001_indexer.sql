-- Up Migration
-- The chain indexer's additions:
-- - agent_id on chain_events: the agent an event concerns (the registry's, market's and fee
--   distributor's agentId, the registry's ERC-721 tokenId, or the agent of the token that emitted it),
--   set by the indexer, so an agent's activity is one index range instead of a JSON search over several
--   contracts;
-- - the indexes the keyset pages use: a contract's events and an agent's events in chain order;
-- - the same address and hash domains, checked faster. PostgreSQL's regex engine expands a bounded
--   repetition like {64} into that many NFA states, which made each check cost ~50 us: three per event
--   row held a bulk insert of 20,000 events at ~1.5 s. A length test plus an unbounded class accepts
--   exactly the same values at a tenth of the cost.
ALTER DOMAIN cr8_address DROP CONSTRAINT cr8_address_check;
ALTER DOMAIN cr8_address ADD CONSTRAINT cr8_address_check CHECK (octet_length(VALUE) = 42 AND VALUE ~ '^0x[0-9a-f]*$');
ALTER DOMAIN cr8_hash DROP CONSTRAINT cr8_hash_check;
ALTER DOMAIN cr8_hash ADD CONSTRAINT cr8_hash_check CHECK (octet_length(VALUE) = 66 AND VALUE ~ '^0x[0-9a-f]*$');

ALTER TABLE chain_events ADD COLUMN agent_id numeric(78, 0) CHECK (agent_id >= 0);
CREATE INDEX chain_events_contract_order_idx ON chain_events (chain_id, contract, block_number, log_index);
CREATE INDEX chain_events_agent_idx ON chain_events (chain_id, agent_id, block_number, log_index) WHERE agent_id IS NOT NULL;

-- Down Migration
DROP INDEX chain_events_agent_idx;
DROP INDEX chain_events_contract_order_idx;
ALTER TABLE chain_events DROP COLUMN agent_id;
ALTER DOMAIN cr8_hash DROP CONSTRAINT cr8_hash_check;
ALTER DOMAIN cr8_hash ADD CONSTRAINT cr8_hash_check CHECK (VALUE ~ '^0x[0-9a-f]{64}$');
ALTER DOMAIN cr8_address DROP CONSTRAINT cr8_address_check;
ALTER DOMAIN cr8_address ADD CONSTRAINT cr8_address_check CHECK (VALUE ~ '^0x[0-9a-f]{40}$');
