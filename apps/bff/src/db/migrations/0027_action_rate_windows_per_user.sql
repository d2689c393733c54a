-- A user's rate window now starts at their first request, not at the clock's minute boundary: a
-- burst that straddled a boundary got a second full budget within seconds. One row per user and
-- kind, reset in place when its window has passed. Counters are short-lived, so the old rows are
-- dropped rather than carried over.
DROP TABLE IF EXISTS action_rate_counts;
CREATE TABLE action_rate_counts (
  username VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  window_start BIGINT NOT NULL,
  n INT UNSIGNED NOT NULL,
  PRIMARY KEY (username, kind)
) ENGINE=InnoDB;
