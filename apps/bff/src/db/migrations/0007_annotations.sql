-- Deploys and alerts worth a flag on a chart, kept apart from raw events so that charts never scan
-- the events table. Written by ingest in the same transaction as the event itself.
CREATE TABLE IF NOT EXISTS annotations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  entity_id INT UNSIGNED NOT NULL,
  segment_id INT UNSIGNED NOT NULL,
  ts BIGINT NOT NULL,
  kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
  title VARCHAR(256) NOT NULL,
  event_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_annotations_event (event_id),
  KEY ix_annotations_entity_ts (entity_id, ts),
  KEY ix_annotations_segment_ts (segment_id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
