-- "Why?" answers, as served. Append-only like audit_log (0008): the application only ever inserts
-- here (assist.repository.ts has no UPDATE or DELETE), so an approver later sees exactly what the
-- operator was shown. No triggers: migrations stay portable to TiDB (docs/decisions/0007).
CREATE TABLE IF NOT EXISTS assist_answers (
  id CHAR(27) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at BIGINT NOT NULL,
  created_by VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  scope_kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
  -- Segment or entity slug; '' for the fleet.
  scope_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  window_from BIGINT NOT NULL,
  window_to BIGINT NOT NULL,
  rules_version VARCHAR(64) CHARACTER SET ascii NOT NULL,
  inputs_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  status VARCHAR(16) CHARACTER SET ascii NOT NULL,
  -- The whole answer as served, byte for byte.
  answer LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (id),
  KEY ix_assist_answers_scope (scope_kind, scope_id, created_at)
) ENGINE=InnoDB;
