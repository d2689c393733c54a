-- A lease per worker role; holders renew it, and another worker may take it once it expires (database time).
CREATE TABLE IF NOT EXISTS worker_leases (
  name VARCHAR(64) CHARACTER SET ascii NOT NULL,
  holder VARCHAR(128) NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;

INSERT IGNORE INTO worker_leases (name, holder, expires_at) VALUES ('rollup', NULL, '1970-01-02 00:00:00');

CREATE TABLE IF NOT EXISTS worker_runs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  worker_id VARCHAR(128) NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT NULL,
  status VARCHAR(16) NOT NULL,
  failure_class VARCHAR(64) NULL,
  failure_message VARCHAR(512) NULL,
  rows_in INT UNSIGNED NOT NULL DEFAULT 0,
  rows_out INT UNSIGNED NOT NULL DEFAULT 0,
  buckets INT UNSIGNED NOT NULL DEFAULT 0,
  lag_ms BIGINT NULL,
  duration_ms INT NULL,
  watermark BIGINT NULL,
  PRIMARY KEY (id),
  KEY ix_worker_runs_started (started_at)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS reconciliation_runs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  ran_at BIGINT NOT NULL,
  horizon_from BIGINT NOT NULL,
  horizon_to BIGINT NOT NULL,
  checked INT UNSIGNED NOT NULL,
  mismatch_count INT UNSIGNED NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS reconciliation_mismatches (
  run_id BIGINT UNSIGNED NOT NULL,
  entity_id INT UNSIGNED NOT NULL,
  hour_ts BIGINT NOT NULL,
  raw_count INT UNSIGNED NOT NULL,
  minute_count INT UNSIGNED NOT NULL,
  hour_count INT UNSIGNED NOT NULL,
  PRIMARY KEY (run_id, entity_id, hour_ts)
) ENGINE=InnoDB;
