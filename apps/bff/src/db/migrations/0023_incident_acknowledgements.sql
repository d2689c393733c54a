-- Acknowledgements ("I'm on it") of a segment's or an entity's current incident
-- (modules/acknowledgements). One row per user per incident: acknowledging again rewrites the
-- comment of the active row. `active` is 1 while the acknowledgement stands and NULL once cleared,
-- so the unique key allows one active row per (scope, user) and any number of cleared ones (NULLs
-- never collide in a unique key, on MySQL 8, MariaDB 10.11 and TiDB alike). Every change is
-- audited in the same transaction (incident.acknowledged, incident.acknowledgement_cleared).
CREATE TABLE IF NOT EXISTS incident_acknowledgements (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  -- 'segment' or 'entity'; scope_id is segments.id or entities.id.
  scope_kind VARCHAR(8) CHARACTER SET ascii NOT NULL,
  scope_id INT UNSIGNED NOT NULL,
  username VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- As the user was called when acknowledging: the line on screen reads the same after a rename.
  display_name VARCHAR(128) CHARACTER SET utf8mb4 NOT NULL,
  comment VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- The scope's live status when acknowledged (critical, silent, warning).
  status VARCHAR(16) CHARACTER SET ascii NOT NULL,
  acknowledged_at BIGINT NOT NULL,
  active TINYINT UNSIGNED NULL DEFAULT 1,
  cleared_at BIGINT NULL,
  -- Why it was cleared: 'resolved' (the scope's live health was OK again).
  cleared_reason VARCHAR(16) CHARACTER SET ascii NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_incident_ack_active (scope_kind, scope_id, username, active),
  KEY ix_incident_ack_active (active, scope_kind, scope_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
