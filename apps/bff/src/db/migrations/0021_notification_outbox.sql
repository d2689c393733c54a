-- Outgoing notifications (signed webhooks), written in the same transaction as the action
-- transition they announce, then delivered by a loop (modules/notifications). One row per logical
-- notification: its id is what receivers deduplicate on, whatever the number of attempts.
-- dedupe_key ("action:<id>:<kind>") makes each kind of notification happen once per action, the
-- expiry warning included. Several URLs share the row; delivered_to lists (JSON text, read and
-- written only by the application) those that already answered 2xx, so a retry skips them.
-- claimed_until/claim_token let one BFF process at a time send a row (conditional UPDATE).
CREATE TABLE IF NOT EXISTS notification_outbox (
  id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  dedupe_key VARCHAR(96) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  action_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(32) CHARACTER SET ascii NOT NULL,
  -- The body without its link (built from the public URL when sent): type, action, text.
  payload TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  created_at BIGINT NOT NULL,
  -- pending, delivered, failed (retries exhausted) or unconfigured (no URL was set when it was due).
  state VARCHAR(16) CHARACTER SET ascii NOT NULL,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0,
  claim_token CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
  delivered_at BIGINT NULL,
  delivered_to TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  last_error VARCHAR(1024) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_notification_outbox_dedupe (dedupe_key),
  KEY ix_notification_outbox_due (state, next_attempt_at),
  KEY ix_notification_outbox_list (state, created_at),
  KEY ix_notification_outbox_action (action_id)
) ENGINE=InnoDB;
