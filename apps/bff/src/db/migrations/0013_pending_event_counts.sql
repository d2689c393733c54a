-- How many accepted events each dirty mark stands for, so quality can say "N events from hh:mm to
-- hh:mm are still being rolled up" by event time. Marks written by reconciliation carry 0.
ALTER TABLE rollup_dirty ADD COLUMN events INT UNSIGNED NOT NULL DEFAULT 0;
