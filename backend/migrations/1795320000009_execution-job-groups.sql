-- Up Migration
-- The API hands the executions it writes within a few milliseconds to the queue as one job (a group),
-- not one job each: BullMQ's scripts cost Redis ~50 µs per job added and again per job finished, the largest
-- per-execution cost on the queue's side. The group's id is recorded on each of its executions, so the
-- reconciler can tell an execution waiting in a live group job from one whose job Redis lost. Null for
-- an execution queued on its own (by the reconciler, a retry or a concurrency delay: its job is named
-- after the execution) and for those the database queue keeps. Adding a nullable column rewrites nothing.
ALTER TABLE agent_executions ADD COLUMN job_group uuid;

-- Down Migration
ALTER TABLE agent_executions DROP COLUMN job_group;
