-- One table per resolution; scope_kind 1 = entity, 2 = segment. Fleet = sum of segments.
CREATE TABLE IF NOT EXISTS rollups_1m (
  scope_kind TINYINT UNSIGNED NOT NULL,
  scope_id INT UNSIGNED NOT NULL,
  bucket_ts BIGINT NOT NULL,
  events INT UNSIGNED NOT NULL,
  requests INT UNSIGNED NOT NULL,
  errors INT UNSIGNED NOT NULL,
  latency_count INT UNSIGNED NOT NULL,
  latency_sum DOUBLE NOT NULL,
  latency_max DOUBLE NULL,
  latency_hist VARCHAR(8000) CHARACTER SET ascii NOT NULL,
  gauge_count INT UNSIGNED NOT NULL,
  gauge_sum DOUBLE NULL,
  gauge_min DOUBLE NULL,
  gauge_max DOUBLE NULL,
  heartbeats INT UNSIGNED NOT NULL,
  alerts INT UNSIGNED NOT NULL,
  last_ts BIGINT NOT NULL,
  PRIMARY KEY (scope_kind, scope_id, bucket_ts)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS rollups_1h (
  scope_kind TINYINT UNSIGNED NOT NULL,
  scope_id INT UNSIGNED NOT NULL,
  bucket_ts BIGINT NOT NULL,
  events INT UNSIGNED NOT NULL,
  requests INT UNSIGNED NOT NULL,
  errors INT UNSIGNED NOT NULL,
  latency_count INT UNSIGNED NOT NULL,
  latency_sum DOUBLE NOT NULL,
  latency_max DOUBLE NULL,
  latency_hist VARCHAR(8000) CHARACTER SET ascii NOT NULL,
  gauge_count INT UNSIGNED NOT NULL,
  gauge_sum DOUBLE NULL,
  gauge_min DOUBLE NULL,
  gauge_max DOUBLE NULL,
  heartbeats INT UNSIGNED NOT NULL,
  alerts INT UNSIGNED NOT NULL,
  last_ts BIGINT NOT NULL,
  PRIMARY KEY (scope_kind, scope_id, bucket_ts)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS rollups_1d (
  scope_kind TINYINT UNSIGNED NOT NULL,
  scope_id INT UNSIGNED NOT NULL,
  bucket_ts BIGINT NOT NULL,
  events INT UNSIGNED NOT NULL,
  requests INT UNSIGNED NOT NULL,
  errors INT UNSIGNED NOT NULL,
  latency_count INT UNSIGNED NOT NULL,
  latency_sum DOUBLE NOT NULL,
  latency_max DOUBLE NULL,
  latency_hist VARCHAR(8000) CHARACTER SET ascii NOT NULL,
  gauge_count INT UNSIGNED NOT NULL,
  gauge_sum DOUBLE NULL,
  gauge_min DOUBLE NULL,
  gauge_max DOUBLE NULL,
  heartbeats INT UNSIGNED NOT NULL,
  alerts INT UNSIGNED NOT NULL,
  last_ts BIGINT NOT NULL,
  PRIMARY KEY (scope_kind, scope_id, bucket_ts)
) ENGINE=InnoDB;

