-- Up Migration
-- A creator's agents page newest/oldest first straight off the index (the id breaks ties in the
-- keyset), instead of sorting all of that creator's agents on each page.
DROP INDEX agents_creator_idx;
CREATE INDEX agents_creator_created_idx ON agents (creator_address, created_at DESC, id DESC);

-- Down Migration
DROP INDEX agents_creator_created_idx;
CREATE INDEX agents_creator_idx ON agents (creator_address, created_at DESC);
