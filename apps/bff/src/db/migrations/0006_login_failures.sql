-- Failed logins per account and per client address, counted over a sliding window for rate limiting.
-- Kept in the database so every BFF process sees the same counts.
CREATE TABLE IF NOT EXISTS login_failures (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  limit_key VARCHAR(160) NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_login_failures_key_at (limit_key, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
