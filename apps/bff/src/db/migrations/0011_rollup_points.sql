-- Each rollup row also carries its figures and percentiles as one short text ("point", written by
-- the rollup worker from the same histogram and estimator the readers use), so a single scope's
-- series is read as (bucket_ts, point) instead of fourteen columns and a histogram per bucket.
-- Rows written before this migration have no point; readers fall back to the full columns.
ALTER TABLE rollups_1m ADD COLUMN point VARCHAR(400) CHARACTER SET ascii NULL;
ALTER TABLE rollups_1h ADD COLUMN point VARCHAR(400) CHARACTER SET ascii NULL;
ALTER TABLE rollups_1d ADD COLUMN point VARCHAR(400) CHARACTER SET ascii NULL;
