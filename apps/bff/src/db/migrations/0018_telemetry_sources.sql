-- Real telemetry in: OpenTelemetry traces, Alertmanager alert episodes and change events.

-- The trace a request event came from, so the raw-events page can open it in the trace viewer.
-- Added last in the row, which MariaDB and MySQL 8 do in place without copying the table.
ALTER TABLE events ADD COLUMN trace_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL;

-- Deploys, config changes, flag flips and infrastructure changes, by the sender's id (re-sends are
-- duplicates). Scope is kept as the slugs sent and matched when read, so a change may name a
-- segment or entity before its first event; both null: fleet-wide.
CREATE TABLE IF NOT EXISTS changes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  change_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  type VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title VARCHAR(256) NOT NULL,
  url VARCHAR(2000) NULL,
  start_ts BIGINT NOT NULL,
  end_ts BIGINT NULL,
  segment_slug VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  entity_slug VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  attributes TEXT NULL,
  ingested_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_changes_change_id (change_id),
  KEY ix_changes_start (start_ts),
  KEY ix_changes_segment_start (segment_slug, start_ts),
  KEY ix_changes_entity_start (entity_slug, start_ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per Alertmanager alert episode: (fingerprint, startsAt) is the episode, firing opens it,
-- resolved closes it (ends_at). Scope keys are the mapped label values as sent, matched on read.
CREATE TABLE IF NOT EXISTS alert_episodes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  fingerprint VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NULL,
  alertname VARCHAR(256) NOT NULL,
  severity VARCHAR(64) NULL,
  summary VARCHAR(1024) NULL,
  labels TEXT NOT NULL,
  annotations TEXT NULL,
  generator_url VARCHAR(2000) NULL,
  segment_key VARCHAR(256) NULL,
  entity_key VARCHAR(256) NULL,
  first_received_at BIGINT NOT NULL,
  last_received_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_alert_episodes (fingerprint, starts_at),
  KEY ix_alert_episodes_start (starts_at),
  KEY ix_alert_episodes_segment (segment_key, starts_at),
  KEY ix_alert_episodes_entity (entity_key, starts_at),
  KEY ix_alert_episodes_open (ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The last time each heartbeat alert (Watchdog) arrived: a silent alert pipeline is a quality reason.
CREATE TABLE IF NOT EXISTS alert_heartbeats (
  name VARCHAR(256) NOT NULL,
  first_received_at BIGINT NOT NULL,
  last_received_at BIGINT NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
