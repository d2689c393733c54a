-- How each rollup bucket's events split by event kind and error class, so "Why?" answers from
-- rollups instead of scanning raw events. Scope kinds as in rollups_1m (1 = entity, 2 = segment;
-- the fleet has none). Written by the rollup worker in the same transaction as the rollup rows:
-- an entity-minute from its raw events, a segment minute and every hour as sums of the
-- entity-minute rows, each bucket replaced whole so a recomputed bucket keeps no stale class.
--
-- error_class '' holds a kind's ok events (events - errors of the row) together with its error
-- events sent without a class (errors of the row); a row with a class holds only error events
-- (events = errors). Ok events never carry a class here, even if one was sent.
--
-- The tables take the charset and collation of events (utf8mb4, server default collation), so a
-- class groups here exactly as it does in events.error_class.
CREATE TABLE IF NOT EXISTS rollup_breakdown_1m (
  scope_kind TINYINT UNSIGNED NOT NULL,
  scope_id INT UNSIGNED NOT NULL,
  bucket_ts BIGINT NOT NULL,
  kind TINYINT UNSIGNED NOT NULL,
  error_class VARCHAR(64) NOT NULL DEFAULT '',
  events INT UNSIGNED NOT NULL,
  errors INT UNSIGNED NOT NULL,
  latency_count INT UNSIGNED NOT NULL,
  latency_sum DOUBLE NOT NULL,
  PRIMARY KEY (scope_kind, scope_id, bucket_ts, kind, error_class)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS rollup_breakdown_1h (
  scope_kind TINYINT UNSIGNED NOT NULL,
  scope_id INT UNSIGNED NOT NULL,
  bucket_ts BIGINT NOT NULL,
  kind TINYINT UNSIGNED NOT NULL,
  error_class VARCHAR(64) NOT NULL DEFAULT '',
  events INT UNSIGNED NOT NULL,
  errors INT UNSIGNED NOT NULL,
  latency_count INT UNSIGNED NOT NULL,
  latency_sum DOUBLE NOT NULL,
  PRIMARY KEY (scope_kind, scope_id, bucket_ts, kind, error_class)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
