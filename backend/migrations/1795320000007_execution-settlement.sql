-- Up Migration
-- Agent execution and its settlement on the L3 (issue #5). An execution that succeeds gets exactly one
-- receipt (its primary key is the execution): the worker inserts it in the same transaction that marks
-- the execution succeeded, so a redelivered job cannot charge twice. The receipts poster groups unbatched
-- receipts into numbered batches per orchestrator and posts them to ExecutionReceipts; a batch row is
-- written (prepared) before its transaction is sent, so a restarted poster re-sends the same batch
-- instead of building another one over the same receipts.

-- How the execution ran, and why it failed (a machine-readable code beside the text in `error`).
ALTER TABLE agent_executions
  ADD COLUMN error_code text CHECK (error_code ~ '^[A-Z][A-Z_]{1,63}$'),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- BullMQ's scale, passed through as is: 0 (the default) runs first, a larger number waits behind
  -- smaller ones (background work). The GPU manager gets the same number.
  ADD COLUMN priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 2097151),
  ADD COLUMN logs text,
  ADD COLUMN cached boolean NOT NULL DEFAULT false,
  -- What the running attempt holds of its payer's payment channel with `orchestrator` (its fee's upper
  -- bound), so whoever takes the execution out of `running` (the worker's outcome, a cancellation, the
  -- next attempt after a crash) releases exactly that, once. Zero whenever the execution is not running.
  ADD COLUMN reserved_wei cr8_wei NOT NULL DEFAULT 0,
  ADD COLUMN orchestrator cr8_address;

-- Each payer's signed SpendingAuthorizations, per orchestrator (EIP-712, checked before they are stored).
CREATE TABLE payment_authorizations (
  payer          cr8_address NOT NULL,
  orchestrator   cr8_address NOT NULL,
  cumulative_wei cr8_wei NOT NULL,
  signature      text NOT NULL CHECK (signature ~ '^0x[0-9a-f]{130,}$'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (payer, orchestrator, cumulative_wei)
);

-- What the orchestrator has issued receipts for, per payer: the next receipt's payerCumulative.
-- reserved_wei is the sum of the fee bounds of this payer's executions running now: a run starts only
-- if charged_wei + reserved_wei + its bound stays within the payer's largest authorization, checked and
-- reserved in one statement on this row, so concurrent runs cannot together overspend it. Success moves
-- the run's reservation into charged_wei (the fee, at most the reservation); any other end releases it.
CREATE TABLE payment_channels (
  payer        cr8_address NOT NULL,
  orchestrator cr8_address NOT NULL,
  charged_wei  cr8_wei NOT NULL DEFAULT 0,
  reserved_wei cr8_wei NOT NULL DEFAULT 0,
  PRIMARY KEY (payer, orchestrator)
);

CREATE TABLE receipt_batches (
  orchestrator  cr8_address NOT NULL,
  sequence      bigint NOT NULL CHECK (sequence >= 0),
  receipts_root cr8_hash NOT NULL,
  executions    integer NOT NULL CHECK (executions > 0),
  total_wei     cr8_wei NOT NULL,
  -- Exactly what postBatch is sent with, so a restarted poster sends the same batch again.
  charges       jsonb NOT NULL,
  agent_fees    jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('prepared', 'posted')),
  tx_hash       cr8_hash,
  block_number  bigint,
  prepared_at   timestamptz NOT NULL DEFAULT now(),
  posted_at     timestamptz,
  PRIMARY KEY (orchestrator, sequence)
);

-- One per succeeded execution: the fields of IExecutionReceipts.Receipt, as posted.
CREATE TABLE execution_receipts (
  execution_id         uuid PRIMARY KEY REFERENCES agent_executions (id),
  orchestrator         cr8_address NOT NULL,
  onchain_agent_id     numeric(78, 0) NOT NULL CHECK (onchain_agent_id > 0),
  payer                cr8_address NOT NULL,
  input_hash           cr8_hash NOT NULL,
  output_hash          cr8_hash NOT NULL,
  gpu_seconds          bigint NOT NULL CHECK (gpu_seconds >= 0),
  -- Free executions get no receipt: the vault only moves a payer's charge forward, and the distributor
  -- takes no zero fee.
  fee_wei              cr8_wei NOT NULL CHECK (fee_wei > 0),
  payer_cumulative_wei cr8_wei NOT NULL,
  batch_sequence       bigint,
  created_at           timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (orchestrator, batch_sequence) REFERENCES receipt_batches (orchestrator, sequence)
);
CREATE INDEX execution_receipts_unbatched_idx ON execution_receipts (orchestrator, created_at) WHERE batch_sequence IS NULL;
CREATE INDEX execution_receipts_batch_idx ON execution_receipts (orchestrator, batch_sequence);

-- Down Migration
DROP TABLE execution_receipts, receipt_batches, payment_channels, payment_authorizations;
ALTER TABLE agent_executions DROP COLUMN error_code, DROP COLUMN attempts, DROP COLUMN priority, DROP COLUMN logs, DROP COLUMN cached,
  DROP COLUMN reserved_wei, DROP COLUMN orchestrator;
