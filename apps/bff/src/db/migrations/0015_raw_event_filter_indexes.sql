-- Raw-events filters read an index whose prefix holds the filter, newest first (decision in
-- modules/events/events-plan.ts). Status and kind are small enums, so a filter that leaves one of
-- them open is read as one keyset branch per value and merged; the error class is free text and
-- comes first in its own index. Every page then reads at most branches × (limit + 1) index
-- entries, whatever the window. The segment filter index with every status and kind enumerated
-- also serves the unfiltered segment page, so (segment_id, ts, id) goes: one index fewer to keep
-- up on ingest. One statement: built in place, online, in one pass over the table.
ALTER TABLE events
  ADD INDEX ix_events_entity_filter (entity_id, status, kind, ts, id),
  ADD INDEX ix_events_entity_error_class (entity_id, error_class, status, kind, ts, id),
  ADD INDEX ix_events_segment_filter (segment_id, status, kind, ts, id),
  ADD INDEX ix_events_segment_error_class (segment_id, error_class, status, kind, ts, id),
  DROP INDEX ix_events_segment_ts;
