CREATE TABLE IF NOT EXISTS users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  username VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii NOT NULL,
  roles VARCHAR(255) CHARACTER SET ascii NOT NULL,
  roles_changed_at BIGINT NOT NULL,
  disabled TINYINT(1) NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Only the SHA-256 of a session id is stored, so a leaked table cannot be replayed as cookies.
CREATE TABLE IF NOT EXISTS sessions (
  id_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT NULL,
  client_address VARCHAR(64) NULL,
  PRIMARY KEY (id_hash),
  KEY ix_sessions_user (user_id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS ingest_tokens (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(64) NOT NULL,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  scopes VARCHAR(255) CHARACTER SET ascii NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_ingest_tokens_name (name),
  UNIQUE KEY uq_ingest_tokens_hash (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
