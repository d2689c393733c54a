-- Proposals and decisions are counted over a sliding minute: one row per counted request, so "60
-- per minute" holds for any 60 s. Windows aligned to the clock's minute let a burst that straddled
-- a boundary have a second full budget within seconds. A refused request removes its row; rows
-- older than the window are pruned as users move on. Counters are short-lived, so the old
-- per-minute counts are dropped rather than carried over.
DROP TABLE IF EXISTS action_rate_counts;
CREATE TABLE action_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  username VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_action_requests_user_at (username, kind, at)
) ENGINE=InnoDB;
