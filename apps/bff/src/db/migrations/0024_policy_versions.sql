-- Action policy as reviewed data. Every policy ever proposed or seeded is kept under its version
-- (SHA-256 of its canonical JSON); a version is immutable once written. Times are epoch ms from
-- the database clock.
CREATE TABLE IF NOT EXISTS policy_versions (
  version CHAR(64) CHARACTER SET ascii NOT NULL,
  policy MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  created_at BIGINT NOT NULL,
  activated_at BIGINT NULL,
  activated_by VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  PRIMARY KEY (version)
) ENGINE=InnoDB;

-- One row (id 1): the active version. Written first by the boot seed (INSERT IGNORE: one process
-- wins), then only by an activation's conditional UPDATE "WHERE version = <the change's base>",
-- so two changes on the same base can never both take effect.
CREATE TABLE IF NOT EXISTS policy_head (
  id TINYINT UNSIGNED NOT NULL,
  version CHAR(64) CHARACTER SET ascii NOT NULL,
  activated_at BIGINT NOT NULL,
  activated_by VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  change_id BIGINT UNSIGNED NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

-- A proposed policy change: the diff and shadow report are computed at proposal and stored, so the
-- approvers judge exactly what the proposer was shown (later proposals do not shift it).
-- state: proposed, active, rejected, cancelled, expired or superseded.
CREATE TABLE IF NOT EXISTS policy_changes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  proposed_version CHAR(64) CHARACTER SET ascii NOT NULL,
  base_version CHAR(64) CHARACTER SET ascii NOT NULL,
  proposer VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  comment TEXT CHARACTER SET utf8mb4 NOT NULL,
  state VARCHAR(16) CHARACTER SET ascii NOT NULL,
  diff MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  shadow MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  decided_at BIGINT NULL,
  decided_by VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  decision_comment TEXT CHARACTER SET utf8mb4 NULL,
  -- The Idempotency-Key row that created the change: a retried request finds it.
  idempotency_key_id BIGINT UNSIGNED NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_policy_changes_idempotency (idempotency_key_id),
  KEY ix_policy_changes_state (state, id)
) ENGINE=InnoDB;

-- One row per approving admin: the primary key makes a second approval by the same person count once.
CREATE TABLE IF NOT EXISTS policy_change_approvals (
  change_id BIGINT UNSIGNED NOT NULL,
  approver VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  comment TEXT CHARACTER SET utf8mb4 NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (change_id, approver)
) ENGINE=InnoDB;
