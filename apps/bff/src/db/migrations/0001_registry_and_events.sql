-- Segments and entities are registered on first sight by ingest, bounded by registry_counters.
CREATE TABLE IF NOT EXISTS segments (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  slug VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name VARCHAR(128) NOT NULL,
  owner VARCHAR(128) NULL,
  slo_availability DOUBLE NOT NULL DEFAULT 0.999,
  slo_latency_p95_ms DOUBLE NOT NULL DEFAULT 500,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_segments_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS entities (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  slug VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  segment_id INT UNSIGNED NOT NULL,
  kind VARCHAR(32) NOT NULL DEFAULT 'service',
  state VARCHAR(16) NOT NULL DEFAULT 'active',
  state_changed_at BIGINT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_entities_slug (slug),
  KEY ix_entities_segment (segment_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS registry_counters (
  name VARCHAR(32) CHARACTER SET ascii NOT NULL,
  used INT UNSIGNED NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;

INSERT IGNORE INTO registry_counters (name, used) VALUES ('segments', 0), ('entities', 0);

-- Append-only raw events. event_id is the sender's id: the unique key makes re-sends harmless.
-- ix_events_entity_ts orders by (entity, ts, id) for keyset paging and also carries every column
-- the rollup worker aggregates, so recomputing an entity-minute never touches the table rows.
CREATE TABLE IF NOT EXISTS events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  event_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  ts BIGINT NOT NULL,
  segment_id INT UNSIGNED NOT NULL,
  entity_id INT UNSIGNED NOT NULL,
  kind TINYINT UNSIGNED NOT NULL,
  status TINYINT UNSIGNED NOT NULL,
  error_class VARCHAR(64) NULL,
  latency_ms DOUBLE NULL,
  latency_bucket SMALLINT UNSIGNED NULL,
  value DOUBLE NULL,
  message VARCHAR(1024) NULL,
  attrs TEXT NULL,
  ingested_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_events_event_id (event_id),
  KEY ix_events_entity_ts (entity_id, ts, id, kind, status, latency_bucket, latency_ms, value),
  KEY ix_events_segment_ts (segment_id, ts, id),
  KEY ix_events_ts_entity (ts, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Entity-minutes touched by ingest (or flagged by reconciliation) and not yet rolled up.
CREATE TABLE IF NOT EXISTS rollup_dirty (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  entity_id INT UNSIGNED NOT NULL,
  minute_ts BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_rollup_dirty_minute (minute_ts)
) ENGINE=InnoDB;
