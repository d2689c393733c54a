-- Control actions. State changes are conditional updates on `state`; every change writes its
-- audit record in the same transaction. Times are epoch ms taken from the database clock.
CREATE TABLE IF NOT EXISTS actions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  type VARCHAR(32) CHARACTER SET ascii NOT NULL,
  target_kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
  target_slug VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  segment_id INT UNSIGNED NOT NULL,
  params TEXT NOT NULL,
  rationale TEXT NOT NULL,
  evidence MEDIUMTEXT NOT NULL,
  state VARCHAR(16) CHARACTER SET ascii NOT NULL,
  proposer VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  policy_version CHAR(64) CHARACTER SET ascii NOT NULL,
  approvals_required TINYINT UNSIGNED NOT NULL,
  proposed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  decided_by VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  decision_comment TEXT NULL,
  outcome TEXT NULL,
  failure_reason VARCHAR(1024) NULL,
  -- The idempotency key that created the action: a retried request finds it instead of creating another.
  idempotency_key_id BIGINT UNSIGNED NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_actions_idempotency (idempotency_key_id),
  KEY ix_actions_state (state, id),
  KEY ix_actions_type (type, id),
  KEY ix_actions_target (target_slug, id),
  KEY ix_actions_segment_state (segment_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The exact entities an action acts on, fixed at proposal.
CREATE TABLE IF NOT EXISTS action_targets (
  action_id BIGINT UNSIGNED NOT NULL,
  entity_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (action_id, entity_id),
  KEY ix_action_targets_entity (entity_id, action_id)
) ENGINE=InnoDB;

-- One row per approver: the primary key makes a second approval by the same person count once.
CREATE TABLE IF NOT EXISTS action_approvals (
  action_id BIGINT UNSIGNED NOT NULL,
  approver VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  approved_at BIGINT NOT NULL,
  comment TEXT NULL,
  PRIMARY KEY (action_id, approver)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every policy evaluation with its inputs, results and policy version; action_id is NULL for refused proposals.
CREATE TABLE IF NOT EXISTS action_evaluations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  action_id BIGINT UNSIGNED NULL,
  stage VARCHAR(16) CHARACTER SET ascii NOT NULL,
  actor VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  policy_name VARCHAR(64) NOT NULL,
  policy_version CHAR(64) CHARACTER SET ascii NOT NULL,
  passed TINYINT(1) NOT NULL,
  approvals_required TINYINT UNSIGNED NOT NULL,
  auto_approve TINYINT(1) NOT NULL,
  inputs MEDIUMTEXT NOT NULL,
  results MEDIUMTEXT NOT NULL,
  evaluated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_action_evaluations_action (action_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Idempotency keys per user (Stripe semantics). A key without a response is in progress.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  scope VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  idem_key VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at BIGINT NOT NULL,
  locked_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_idempotency_scope_key (scope, idem_key),
  KEY ix_idempotency_created (created_at)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS idempotency_responses (
  key_id BIGINT UNSIGNED NOT NULL,
  status SMALLINT UNSIGNED NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (key_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Append-only, hash-chained audit trail. The application only ever inserts here.
CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT UNSIGNED NOT NULL,
  at BIGINT NOT NULL,
  actor VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  event VARCHAR(64) CHARACTER SET ascii NOT NULL,
  subject VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  action_id BIGINT UNSIGNED NULL,
  payload MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  prev_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  hash CHAR(64) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (seq),
  KEY ix_audit_action (action_id, seq),
  KEY ix_audit_at (at),
  KEY ix_audit_actor (actor, seq),
  KEY ix_audit_event (event, seq)
) ENGINE=InnoDB;

-- One row: the chain's head. Appends lock it FOR UPDATE, so the chain never forks.
CREATE TABLE IF NOT EXISTS audit_head (
  id TINYINT UNSIGNED NOT NULL,
  seq BIGINT UNSIGNED NOT NULL,
  hash CHAR(64) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

INSERT IGNORE INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed (HMAC, key held outside the database) snapshots of the head: truncating the tail is detected.
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  seq BIGINT UNSIGNED NOT NULL,
  hash CHAR(64) CHARACTER SET ascii NOT NULL,
  signed_at BIGINT NOT NULL,
  signature CHAR(64) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;
