import type { Annotation } from '@watchfloor/shared/annotations';
import type { AssistScope, AssistWindow } from '@watchfloor/shared/assist';
import type { ActionState } from '@watchfloor/shared/actions/states';
import type { ActionType, TargetKind } from '@watchfloor/shared/actions/catalogue';
import type { EventKind } from '@watchfloor/shared/ingest';

/**
 * Everything the checks read, gathered from rollups and records by the assist service before any
 * rule runs: the rules are pure functions of this, so one input always gives one answer.
 */

/** RED figures of one scope over one window, from rollups. */
export interface Figures {
  events: number;
  /** Traffic (request and job events). */
  requests: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
  /** p95 from the rollup histograms; null without latency samples. */
  p95Ms: number | null;
}

/** A scope's figures in the window and in the baseline. */
export interface Compared {
  now: Figures;
  before: Figures;
}

/** A member of the asked scope: an entity of a segment, a segment of the fleet, a peer entity. */
export interface Member extends Compared {
  kind: 'segment' | 'entity';
  slug: string;
  /** For entities: their segment. */
  segment?: string;
  /** The member's error classes in the window, most errors first (at most three), from the breakdown rollups. */
  errorClasses?: { errorClass: string; errors: number }[];
}

/** One kind × error class slice of the scope (errorClass '' = ok events, or an error without a class). */
export interface BreakdownSlice {
  kind: EventKind;
  errorClass: string;
  now: { events: number; errors: number; latencyCount: number; latencySum: number };
  before: { events: number; errors: number; latencyCount: number; latencySum: number };
}

/** One minute of the scope's own rollups in the window (minute resolution, window ≤ 7 days). */
export interface Minute {
  ts: number;
  requests: number;
  errors: number;
  latencyCount: number;
  latencySum: number;
}

/** A chart mark in [window start − lookback, window end], with where it applies. */
export interface Mark {
  annotation: Annotation;
  /** null = fleet-wide mark. */
  segment: string | null;
  entity: string | null;
}

/** An executed (or attempted) action inside a past incident's window. */
export interface IncidentAction {
  id: number;
  type: ActionType;
  target: { kind: TargetKind; id: string };
  state: ActionState;
  at: number;
}

/** A past incident the trends derive (burn-rate breach runs), with its signature from rollups. */
export interface PastIncident {
  segment: string;
  start: number;
  end: number;
  ongoing: boolean;
  requests: number;
  errors: number;
  /** Entities carrying most of its errors (or latency), most first. */
  entities: string[];
  /** Error classes carrying most of its errors, most first. */
  errorClasses: string[];
  shape: 'errors' | 'latency' | 'both';
  actions: IncidentAction[];
}

export interface AssistInputs {
  scope: AssistScope;
  /** For an entity scope: its segment's slug. */
  segmentOfEntity?: string;
  window: AssistWindow;
  baseline: AssistWindow & { chosen: boolean };
  /** The asked scope itself. */
  self: Compared;
  /** Segment scope: its entities. Fleet scope: its segments. Entity scope: the entity's segment peers, itself included. */
  members: Member[];
  /** The asked scope's kind × error class slices. */
  breakdown: BreakdownSlice[];
  /**
   * Set when the breakdown does not cover the rollups' events for the window or baseline (minutes
   * rolled up before the breakdown existed): `breakdown` is then empty, and the answer says so.
   */
  breakdownUncovered?: { window: AssistWindow };
  /** The asked scope's minutes in the window, oldest first (empty for windows longer than 7 days). */
  minutes: Minute[];
  /** The baseline's per-minute error ratio and mean latency, the band onset is judged against. */
  baselinePerMinute: { requests: number; errors: number; latencyCount: number; latencySum: number };
  marks: Mark[];
  /** Past incidents of the scope's segment(s), the last 30 days before the window, newest first; the current window's own incident excluded. */
  pastIncidents: PastIncident[];
  /** How many incidents the scope's segment(s) had in the last 30 days (for novelty). */
  incidentsLast30Days: number;
}
