-- Faults injected into the simulated demo fleet. The simulator reads the uncleared ones (and those
-- cleared moments ago, so a drained backlog fades out); a restart action clears them.
CREATE TABLE IF NOT EXISTS sim_faults (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  entity_id INT UNSIGNED NOT NULL,
  fault VARCHAR(32) CHARACTER SET ascii NOT NULL,
  error_class VARCHAR(64) NULL,
  error_rate DOUBLE NULL,
  latency_factor DOUBLE NULL,
  target_value DOUBLE NULL,
  ramp_ms BIGINT NULL,
  started_at BIGINT NOT NULL,
  cleared_at BIGINT NULL,
  -- Names a scripted fault, so seeding again never injects it twice. NULL for ad-hoc faults.
  scenario_key VARCHAR(128) CHARACTER SET ascii NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_sim_faults_scenario_key (scenario_key),
  KEY ix_sim_faults_entity (entity_id, cleared_at),
  KEY ix_sim_faults_cleared (cleared_at)
) ENGINE=InnoDB;
