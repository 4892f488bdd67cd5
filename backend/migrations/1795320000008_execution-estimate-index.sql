-- Up Migration
-- The execute answer's estimatedTime is the median of the agent's last 100 finished executions. Ordered
-- by queue time, that query walked past every execution still queued or running (the newest ones), so
-- under load each submit read the whole backlog; by finish time, on this index, it reads 100 entries.
CREATE INDEX agent_executions_finished_idx ON agent_executions (agent_id, finished_at DESC) WHERE finished_at IS NOT NULL;

-- Down Migration
DROP INDEX agent_executions_finished_idx;
