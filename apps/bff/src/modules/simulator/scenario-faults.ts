import {
  ERROR_SPIKE,
  HISTORICAL_INCIDENTS,
  LATENCY_REGRESSION,
  SATURATING_PIPELINE,
  SILENT_ENTITY,
} from './demo-scenario.ts';
import type { SimFault } from './simulator-effects.ts';

export interface ScriptedFault extends SimFault {
  /** Names the fault across re-seeds, so seeding twice (or after a restart cleared it) never re-injects it. */
  key: string;
}

export interface ScriptedDeploy {
  entity: string;
  ts: number;
  version: string;
  message: string;
}

const fault = (
  partial: Partial<SimFault> & Pick<SimFault, 'entity' | 'fault' | 'startedAt'>,
): SimFault => ({
  errorClass: null,
  errorRate: null,
  latencyFactor: null,
  targetValue: null,
  rampMs: null,
  clearedAt: null,
  ...partial,
});

/** The four scripted incidents as faults, all still active at the anchor. */
export function ongoingScenarioFaults(anchorMs: number): ScriptedFault[] {
  const spike = ERROR_SPIKE.culprits.map((entity) => ({
    key: `error-spike:${entity}`,
    ...fault({
      entity,
      fault: 'errors',
      errorClass: ERROR_SPIKE.errorClass,
      errorRate: ERROR_SPIKE.errorRate,
      startedAt: anchorMs + ERROR_SPIKE.startOffsetMs,
    }),
  }));
  const regression = LATENCY_REGRESSION.entities.map((entity) => ({
    key: `latency-regression:${entity}`,
    ...fault({
      entity,
      fault: 'latency',
      latencyFactor: LATENCY_REGRESSION.latencyFactor,
      startedAt: anchorMs + LATENCY_REGRESSION.startOffsetMs,
    }),
  }));
  const silent = {
    key: `silent:${SILENT_ENTITY.entity}`,
    ...fault({
      entity: SILENT_ENTITY.entity,
      fault: 'silent',
      startedAt: anchorMs + SILENT_ENTITY.silentSinceOffsetMs,
    }),
  };
  const saturation = {
    key: `saturation:${SATURATING_PIPELINE.entity}`,
    ...fault({
      entity: SATURATING_PIPELINE.entity,
      fault: 'saturation',
      targetValue: SATURATING_PIPELINE.capacity,
      rampMs: SATURATING_PIPELINE.saturatedAtOffsetMs - SATURATING_PIPELINE.climbStartOffsetMs,
      startedAt: anchorMs + SATURATING_PIPELINE.climbStartOffsetMs,
    }),
  };
  return [...spike, ...regression, silent, saturation];
}

/** Incidents that started and ended weeks ago; they only shape the seeded history. */
export function historicalFaults(anchorMs: number): SimFault[] {
  return HISTORICAL_INCIDENTS.flatMap((incident) =>
    incident.entities.map((entity) =>
      fault({
        entity,
        fault: incident.fault,
        errorClass: incident.errorClass,
        errorRate: incident.errorRate,
        latencyFactor: incident.latencyFactor,
        startedAt: anchorMs + incident.startOffsetMs,
        clearedAt: anchorMs + incident.startOffsetMs + incident.durationMs,
      }),
    ),
  );
}

/** Every fault that shapes a seeded history: past incidents and the ongoing ones. */
export function scenarioFaults(anchorMs: number): SimFault[] {
  return [
    ...historicalFaults(anchorMs),
    ...ongoingScenarioFaults(anchorMs).map(({ key: _key, ...rest }) => rest),
  ];
}

export function scenarioDeploys(anchorMs: number): ScriptedDeploy[] {
  return [
    {
      entity: LATENCY_REGRESSION.deployEntity,
      ts: anchorMs + LATENCY_REGRESSION.startOffsetMs,
      version: LATENCY_REGRESSION.version,
      message: LATENCY_REGRESSION.deployMessage,
    },
  ];
}

/**
 * The anchor a seeded scenario was placed at, recovered from its recorded error-spike fault, so a
 * restarted demo places its historical alerts and changes where the seeded history has them.
 */
export function scenarioAnchor(
  faults: readonly { scenarioKey: string | null; startedAt: number }[],
): number | null {
  const key = `error-spike:${ERROR_SPIKE.culprits[0]}`;
  const spike = faults.find((f) => f.scenarioKey === key);
  return spike ? spike.startedAt - ERROR_SPIKE.startOffsetMs : null;
}
