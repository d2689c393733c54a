-- An admin's override of the change freezes covering a proposal: who, why, and which freezes (JSON
-- text). Later stages honour it for those freezes only; a freeze declared after the proposal still binds.
ALTER TABLE actions ADD COLUMN freeze_override TEXT NULL;
