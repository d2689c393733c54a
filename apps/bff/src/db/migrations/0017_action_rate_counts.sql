-- Per-user request counts for proposals and decisions, one row per user, kind and fixed window.
-- Kept in the database so every BFF process counts against the same budget; a refusal only bumps
-- the counter (no audit row). Windows older than the current one are deleted as users move on.
CREATE TABLE IF NOT EXISTS action_rate_counts (
  username VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  window_start BIGINT NOT NULL,
  n INT UNSIGNED NOT NULL,
  PRIMARY KEY (username, kind, window_start)
) ENGINE=InnoDB;
