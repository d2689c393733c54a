-- Each hour row also carries the points of its minutes ("minute_points": `minute:point` entries
-- joined by `;`, written by the rollup worker in the same transaction as those minutes), so a
-- day of one-minute series is 25 rows read instead of 1,440. Rows written before this migration
-- have none; readers then read the minute rows, and the idle worker backfills them.
ALTER TABLE rollups_1h ADD COLUMN minute_points TEXT CHARACTER SET ascii NULL;

