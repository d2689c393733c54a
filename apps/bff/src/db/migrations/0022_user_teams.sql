-- The teams a user belongs to, comma-separated team names; `*` is every team (fleet-wide). Accounts
-- from before teams existed acted on every segment, so they stay fleet-wide. Segments name their
-- owning team in segments.owner. Up to 32 names of 64 characters fit.
ALTER TABLE users ADD COLUMN teams VARCHAR(2100) CHARACTER SET ascii NOT NULL DEFAULT '*';
