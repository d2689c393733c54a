import type { AssistCheck, AssistFinding } from '@watchfloor/shared/assist';
import type { QualityReason } from '@watchfloor/shared/quality';
import type { EntityGroup } from '../../simulator/demo-scenario.ts';
import { entitySlug } from '../../simulator/fleet.ts';
import type { FaultKind, SimFault } from '../../simulator/simulator-effects.ts';

/** What an incident shape is made of, when it happens, and what "Why?" should lead with. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** When a shape happens: the asked window is the hour before the anchor, its baseline the hour before that. */
export interface ShapeTiming {
  windowFrom: number;
  windowTo: number;
  baselineFrom: number;
  /** When the fault begins: twenty minutes into the window. */
  faultAt: number;
}

export function shapeTiming(anchorMs: number): ShapeTiming {
  return {
    windowFrom: anchorMs - HOUR,
    windowTo: anchorMs,
    baselineFrom: anchorMs - 2 * HOUR,
    faultAt: anchorMs - 40 * MINUTE,
  };
}

type SubjectKind = NonNullable<AssistFinding['subject']>['kind'];

/** What the answer must lead with. */
export type ExpectedTop =
  /** The first finding is interesting, from this check, about this subject (any of several ids). */
  | {
      outcome: 'finding';
      check: AssistCheck;
      subject: { kind: SubjectKind; id: string | readonly string[] };
      /** The answer also lists a similar past incident of the segment. */
      similar?: true;
    }
  /**
   * Nothing is worth a look: no finding is interesting (no culprit is invented), though the
   * answer's own figures show the scope's traffic at least `trafficRise` times its baseline.
   */
  | { outcome: 'nothing'; trafficRise: number }
  /** The assistant refuses, for a quality reason with this code naming this text. */
  | { outcome: 'refusal'; reason: QualityReason['code']; mentions: string };

/** A fault, as the simulator injects it, on one of the shape's entities (by number). */
export interface ShapeFault {
  entity: number;
  fault: FaultKind;
  errorClass?: string;
  errorRate?: number;
  latencyFactor?: number;
  /** Saturation: the queue level reached, and how long the climb takes. */
  targetValue?: number;
  rampMs?: number;
  /** Offset from faultAt; default 0. */
  startOffsetMs?: number;
  /** Only Prometheus sees it (its alert fires); the entity's own events do not show it. */
  alertOnly?: true;
}

export interface IncidentShape {
  name: string;
  /** What happens, in an operator's words. */
  story: string;
  /** The shape's own segment (and entity prefix): no two shapes share one. */
  segment: string;
  group: Omit<EntityGroup, 'prefix'>;
  faults: readonly ShapeFault[];
  /** Requests and jobs of the whole segment run this many times faster from faultAt. */
  surge?: number;
  /** Deploys recorded through the changes endpoint at faultAt, one per entity (by number). */
  deploys?: readonly number[];
  /** Faults whose alerts Prometheus raises (delivered as Alertmanager notifications). */
  alerting?: true;
  /** The same faults also ran for 45 minutes this many days before, and cleared. */
  recurrenceOfDaysAgo?: number;
  /** Events from faultAt on reach ingest only after the rest has been rolled up. */
  lateFromFault?: true;
  /** Asked about the segment, or about one entity (by number). */
  ask: { scope: 'segment' } | { scope: 'entity'; entity: number };
  expected: ExpectedTop;
}

type ShapeNaming = Pick<IncidentShape, 'segment' | 'group'>;

/** A shape's entities are named `<segment>-<kind>-NN`. */
export const shapePrefix = (shape: ShapeNaming): string =>
  `${shape.segment}-${shape.group.kind === 'service' ? 'api' : shape.group.kind}`;

/** The slug of a shape's entity number n. */
export const shapeEntity = (shape: ShapeNaming, n: number): string =>
  entitySlug(shapePrefix(shape), n);

/** The change id of the deploy to a shape's entity n. */
export const deployChangeId = (shape: ShapeNaming, n: number): string =>
  `deploy-${shapeEntity(shape, n)}-v2`;

/**
 * The faults of a shape at the given time (the recurrence shifts them back): those that shape its
 * events, or with `alerting` those Prometheus raises alerts for.
 */
export function shapeFaults(
  shape: IncidentShape,
  faultAt: number,
  seenBy: 'events' | 'alerting' = 'events',
): SimFault[] {
  const faults = seenBy === 'events' ? shape.faults.filter((f) => !f.alertOnly) : shape.faults;
  return faults.map((f) => ({
    entity: shapeEntity(shape, f.entity),
    fault: f.fault,
    errorClass: f.errorClass ?? null,
    errorRate: f.errorRate ?? null,
    latencyFactor: f.latencyFactor ?? null,
    targetValue: f.targetValue ?? null,
    rampMs: f.rampMs ?? null,
    startedAt: faultAt + (f.startOffsetMs ?? 0),
    clearedAt: null,
  }));
}

/** The recurrence's earlier episode: the same faults, 45 minutes long, days before. */
export function earlierEpisode(shape: IncidentShape, faultAt: number): SimFault[] {
  if (shape.recurrenceOfDaysAgo === undefined) return [];
  const at = faultAt - shape.recurrenceOfDaysAgo * DAY;
  return shapeFaults(shape, at).map((f) => ({ ...f, clearedAt: at + 45 * MINUTE }));
}
