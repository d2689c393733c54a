-- History still being back-filled, newest first: everything from filled_from up to anchor_ms is
-- stored, older history down to history_from is not yet. Quality marks windows reaching before
-- filled_from; the row is deleted when the back-fill is done. The seed parameters are kept so a
-- restart resumes with exactly the same (deterministic) events.
CREATE TABLE IF NOT EXISTS history_backfill (
  name VARCHAR(64) CHARACTER SET ascii NOT NULL,
  anchor_ms BIGINT NOT NULL,
  history_from BIGINT NOT NULL,
  filled_from BIGINT NOT NULL,
  seed INT NOT NULL,
  scale DOUBLE NOT NULL,
  live_rate DOUBLE NULL,
  live_hours DOUBLE NOT NULL,
  started_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;
