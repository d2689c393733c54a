-- Quality reads the database outages the rollup worker recorded (failed runs with failure class
-- database_unavailable) on every pipeline change; failed runs are rare among many, so they get an index.
CREATE INDEX ix_worker_runs_failure ON worker_runs (failure_class, started_at);
