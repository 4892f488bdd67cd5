-- Up Migration
-- Executions submitted through the API are idempotent per caller: a retried submit with the same key
-- finds the first execution instead of queueing (and later charging) a second one.
ALTER TABLE agent_executions ADD COLUMN idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 200);
ALTER TABLE agent_executions ADD CONSTRAINT agent_executions_idempotency_unique UNIQUE (user_id, idempotency_key);

-- Down Migration
ALTER TABLE agent_executions DROP CONSTRAINT agent_executions_idempotency_unique;
ALTER TABLE agent_executions DROP COLUMN idempotency_key;
