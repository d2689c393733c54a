-- Every secondary index on events is paid for by every ingested row. The (ts, entity_id) index
-- served only the hourly reconciliation and the simulator's start-up; both now read
-- ix_events_entity_ts per entity instead, which ingest must maintain anyway.
ALTER TABLE events DROP INDEX ix_events_ts_entity;
