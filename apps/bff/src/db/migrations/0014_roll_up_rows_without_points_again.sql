-- Rollup rows written before 0011 have no point, hour rows written before 0012 no minute strip.
-- Readers no longer read such rows any other way (decision 0007): this hands them back to the
-- rollup worker, which rebuilds every bucket from raw events (decision 0001). A point holds
-- percentiles estimated by the worker's own code, so SQL cannot write it; the rows are marked
-- dirty instead and then deleted. Until the worker has rewritten them they read as events still
-- being rolled up (quality says so), never as rows of another shape.
-- Re-runnable: the scratch table is kept until the end, marks are not added twice, and rows with
-- a point and a strip are never touched.

CREATE TABLE IF NOT EXISTS rollup_rework (
  scope_kind TINYINT UNSIGNED NOT NULL,
  scope_id INT UNSIGNED NOT NULL,
  from_ts BIGINT NOT NULL,
  to_ts BIGINT NOT NULL,
  PRIMARY KEY (scope_kind, scope_id, from_ts, to_ts)
) ENGINE=InnoDB;

-- Every bucket of the old shape, at any resolution and scope.
INSERT IGNORE INTO rollup_rework (scope_kind, scope_id, from_ts, to_ts)
SELECT scope_kind, scope_id, bucket_ts, bucket_ts + 60000 FROM rollups_1m WHERE point IS NULL;

INSERT IGNORE INTO rollup_rework (scope_kind, scope_id, from_ts, to_ts)
SELECT scope_kind, scope_id, bucket_ts, bucket_ts + 3600000 FROM rollups_1h
 WHERE point IS NULL OR minute_points IS NULL;

INSERT IGNORE INTO rollup_rework (scope_kind, scope_id, from_ts, to_ts)
SELECT scope_kind, scope_id, bucket_ts, bucket_ts + 86400000 FROM rollups_1d WHERE point IS NULL;

-- The entity-minutes that feed them (scope 1 entity, 2 segment, 3 fleet), each marked once with
-- the events it holds. The worker recomputes a marked minute and every bucket above it.
INSERT INTO rollup_dirty (entity_id, minute_ts, created_at, events)
SELECT DISTINCT m.scope_id, m.bucket_ts,
       (TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(3)) DIV 1000), m.events
  FROM rollups_1m m
  JOIN (SELECT w.scope_id AS entity_id, w.from_ts, w.to_ts FROM rollup_rework w
         WHERE w.scope_kind = 1
        UNION
        SELECT e.id, w.from_ts, w.to_ts FROM rollup_rework w JOIN entities e ON e.segment_id = w.scope_id
         WHERE w.scope_kind = 2
        UNION
        SELECT e.id, w.from_ts, w.to_ts FROM rollup_rework w CROSS JOIN entities e
         WHERE w.scope_kind = 3) fed
    ON m.scope_kind = 1 AND m.scope_id = fed.entity_id
   AND m.bucket_ts >= fed.from_ts AND m.bucket_ts < fed.to_ts
 WHERE NOT EXISTS (SELECT 1 FROM rollup_dirty d
                    WHERE d.minute_ts = m.bucket_ts AND d.entity_id = m.scope_id);

DELETE FROM rollups_1m WHERE point IS NULL;

DELETE FROM rollups_1h WHERE point IS NULL OR minute_points IS NULL;

DELETE FROM rollups_1d WHERE point IS NULL;

DROP TABLE IF EXISTS rollup_rework;
