import type { ChangeEventInput } from '@watchfloor/shared/telemetry/changes';
import {
  alertAt,
  faultAlert,
  webhookPayloads,
  type DemoWebhook,
} from '../../simulator/demo-alerts.ts';
import type { DemoSegment } from '../../simulator/demo-scenario.ts';
import type { SimEvent } from '../../simulator/entity-streams.ts';
import { generateEvents } from '../../simulator/fleet-generator.ts';
import { buildFleet, type FleetEntity } from '../../simulator/fleet.ts';
import {
  deployChangeId,
  earlierEpisode,
  shapeEntity,
  shapeFaults,
  shapePrefix,
  shapeTiming,
  type IncidentShape,
} from './shape-model.ts';

/**
 * A shape's world as the simulator produces it: its segment and fleet, the events it sends (on
 * time, and late), the changes its tools report and the alerts Prometheus raises about it.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHAPES_SEED = 11;
/** Data starts a little before the baseline, so the baseline's first minute is not the fleet's first. */
const LEAD_IN_MS = 10 * MINUTE;
/** The recurrence's earlier episode is recorded this long either side, so the trends can find it. */
const EARLIER_MARGIN_MS = HOUR;

/** The shape's segment, its users' local time at mid-afternoon at the anchor (busy, steady traffic). */
export function shapeSegment(shape: IncidentShape, anchorMs: number): DemoSegment {
  const utcHour = new Date(anchorMs).getUTCHours();
  const offset = ((((15 - utcHour) % 24) + 24 + 12) % 24) - 12;
  return {
    slug: shape.segment,
    name: shape.name,
    owner: 'team-shapes',
    sloAvailability: 0.995,
    sloLatencyP95Ms: 1_000,
    utcOffsetHours: offset,
    trafficWeight: 1,
    groups: [{ ...shape.group, prefix: shapePrefix(shape) }],
  };
}

export const shapeFleet = (shape: IncidentShape, anchorMs: number): FleetEntity[] =>
  buildFleet([shapeSegment(shape, anchorMs)]);

export interface ShapeEvents {
  onTime: SimEvent[][];
  /** Sent only after everything on time has been rolled up (the late-data shape). */
  late: SimEvent[][];
}

/** Every event of the shape, in ingest-sized batches, from the simulator's own generator. */
export function shapeEvents(shape: IncidentShape, anchorMs: number): ShapeEvents {
  const fleet = shapeFleet(shape, anchorMs);
  const t = shapeTiming(anchorMs);
  const earlier = earlierEpisode(shape, t.faultAt);
  const faults = [...shapeFaults(shape, t.faultAt), ...earlier];
  const run = (fromMs: number, toMs: number, trafficScale = 1, anchor = anchorMs) => [
    ...generateEvents({
      seed: SHAPES_SEED,
      anchorMs: anchor,
      fromMs,
      toMs,
      faults,
      fleet,
      trafficScale,
    }),
  ];
  const history = earlier.length
    ? run(
        Math.min(...earlier.map((f) => f.startedAt)) - EARLIER_MARGIN_MS,
        Math.max(...earlier.map((f) => f.clearedAt ?? f.startedAt)) + EARLIER_MARGIN_MS,
        1,
        // Generated as if it were recent, so it has the density the trends need to see it.
        Math.max(...earlier.map((f) => f.clearedAt ?? f.startedAt)) + EARLIER_MARGIN_MS,
      )
    : [];
  const before = run(t.baselineFrom - LEAD_IN_MS, t.faultAt);
  const after = run(t.faultAt, t.windowTo, shape.surge ?? 1);
  return shape.lateFromFault
    ? { onTime: [...history, ...before], late: after }
    : { onTime: [...history, ...before, ...after], late: [] };
}

/** The deploys a CI system reports for the shape, at the fault's minute. */
export function shapeChanges(shape: IncidentShape, anchorMs: number): ChangeEventInput[] {
  const { faultAt } = shapeTiming(anchorMs);
  return (shape.deploys ?? []).map((n) => ({
    id: deployChangeId(shape, n),
    type: 'deploy',
    title: 'deploy v2.0.0',
    url: `https://ci.shapes.invalid/${shape.segment}/deployments/v2.0.0`,
    start: faultAt,
    segment: shape.segment,
    entity: shapeEntity(shape, n),
    attributes: { version: 'v2.0.0' },
  }));
}

/** The Alertmanager notifications about the shape's faults, as sent at the window's end. */
export function shapeAlertNotifications(shape: IncidentShape, anchorMs: number): DemoWebhook[] {
  if (!shape.alerting) return [];
  const { faultAt, windowTo } = shapeTiming(anchorMs);
  const alerts = shapeFaults(shape, faultAt, 'alerting')
    .map((fault) => faultAlert({ ...fault, segment: shape.segment }))
    .flatMap((alert) => {
      const sent = alert ? alertAt(alert, windowTo) : null;
      return sent ? [sent] : [];
    });
  return webhookPayloads(alerts);
}
