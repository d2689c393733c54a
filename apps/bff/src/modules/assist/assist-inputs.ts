import {
  ASSIST_RULES,
  type AssistInput,
  type AssistScope,
  type AssistWindow,
} from '@watchfloor/shared/assist';
import type { QualityReport } from '@watchfloor/shared/quality';
import type { Pool } from '../../db/pool.ts';
import { readAnnotations, type MarkScope } from '../annotations/annotations.service.ts';
import { assessQuality, type QualityScope } from '../quality/quality.service.ts';
import type { QualityThresholds } from '../quality/quality-rules.ts';
import type { SharedReads } from '../quality/shared-reads.ts';
import { readBreakdown, readMemberErrorClasses } from './breakdown-input.ts';
import { readMinutes } from './minutes-input.ts';
import { readPastIncidents } from './past-incidents-input.ts';
import type { PastIncidentsCache } from './past-incidents-cache.ts';
import type { ResolvedScope } from './assist-scope.ts';
import { readComparedFigures, rollupScopeOf } from './scope-figures-input.ts';
import type { AssistInputs, BreakdownSlice, Mark } from './rules/inputs.ts';

export interface AssistReadDeps {
  pool: Pool;
  thresholds?: QualityThresholds;
  shared?: SharedReads;
  /** Shares past-incident searches between answers for a minute (the routes always give one). */
  pastIncidents?: PastIncidentsCache;
}

const HOUR = 3_600_000;
/** Windows longer than this are described as read from hour rows (the readers' tiles and strips). */
const MINUTE_ROWS_MAX_WINDOW_MS = 6 * HOUR;

function qualityScopeOf(resolved: ResolvedScope): QualityScope {
  if (resolved.kind === 'fleet') return { kind: 'fleet', entities: resolved.entities };
  if (resolved.kind === 'segment')
    return {
      kind: 'segment',
      id: resolved.segment.id,
      slug: resolved.segment.slug,
      entities: resolved.entities,
    };
  const { entity } = resolved;
  return { kind: 'entity', id: entity.id, slug: entity.slug, state: entity.state };
}

function markScopeOf(resolved: ResolvedScope): MarkScope {
  if (resolved.kind === 'fleet')
    return { kind: 'fleet', segmentIds: resolved.segments.map((s) => s.id) };
  if (resolved.kind === 'segment')
    return {
      kind: 'segment',
      id: resolved.segment.id,
      slug: resolved.segment.slug,
      entitySlugs: resolved.entities.map((e) => e.slug),
    };
  return {
    kind: 'entity',
    id: resolved.entity.id,
    slug: resolved.entity.slug,
    segmentSlug: resolved.segment.slug,
  };
}

/** The scope's quality for the window, by the model every screen and action precondition uses. */
export function readScopeQuality(
  deps: AssistReadDeps,
  resolved: ResolvedScope,
  window: AssistWindow,
  now: number,
): Promise<QualityReport> {
  return assessQuality(
    { pool: deps.pool, thresholds: deps.thresholds, now: () => now, shared: deps.shared },
    { window, scope: qualityScopeOf(resolved) },
  );
}

/**
 * Everything the checks read, from rollups and records (never the raw events), plus a list of
 * the reads themselves for the answer's `inputs`.
 */
export async function gatherInputs(
  deps: AssistReadDeps,
  scope: AssistScope,
  resolved: ResolvedScope,
  window: AssistWindow,
  baseline: AssistWindow & { chosen: boolean },
): Promise<{ inputs: AssistInputs; reads: AssistInput[] }> {
  const { pool } = deps;
  const markWindow = { from: window.from - ASSIST_RULES.changeLookbackMs, to: window.to };
  const pastWindow = { from: window.from - ASSIST_RULES.noveltyLookbackMs, to: window.from };
  const [figures, breakdown, memberClasses, minutes, annotations, past] = await Promise.all([
    readComparedFigures(pool, resolved, window, baseline),
    readBreakdown(pool, resolved, window, baseline),
    readMemberErrorClasses(pool, resolved, window),
    readMinutes(pool, rollupScopeOf(resolved), window),
    readAnnotations(pool, markScopeOf(resolved), markWindow),
    pastIncidentsOf(deps, resolved, window),
  ]);
  const marks: Mark[] = annotations.map((annotation) => ({
    annotation,
    segment: annotation.segment ?? null,
    entity: annotation.entity ?? null,
  }));
  const baselineMinutes = Math.max(1, Math.round((baseline.to - baseline.from) / 60_000));
  const { before } = figures.self;
  const inputs: AssistInputs = {
    scope,
    ...(resolved.kind === 'entity' ? { segmentOfEntity: resolved.segment.slug } : {}),
    window,
    baseline,
    self: figures.self,
    members: figures.members.map((member) => {
      const errorClasses = memberClasses.get(member.slug);
      return errorClasses ? { ...member, errorClasses } : member;
    }),
    ...breakdownOrGap(breakdown.slices, figures.self, window, baseline),
    minutes,
    baselinePerMinute: {
      requests: before.requests / baselineMinutes,
      errors: before.errors / baselineMinutes,
      latencyCount: before.latencyCount / baselineMinutes,
      latencySum: before.latencySum / baselineMinutes,
    },
    marks,
    pastIncidents: past.incidents,
    incidentsLast30Days: past.count,
  };
  const totalsSource =
    window.to - window.from > MINUTE_ROWS_MAX_WINDOW_MS ? 'rollups_1h' : 'rollups_1m';
  const reads: AssistInput[] = [
    { source: totalsSource, scope, window, rows: figures.rows },
    { source: 'rollup_error_classes', scope, window, rows: breakdown.rows },
    ...(minutes.length > 0
      ? [{ source: 'rollups_1m' as const, scope, window, rows: minutes.length }]
      : []),
    ...markReads(scope, markWindow, marks),
    { source: 'incidents', scope, window: pastWindow, rows: past.rows },
    {
      source: 'actions',
      scope,
      window: pastWindow,
      rows: past.incidents.reduce((sum, incident) => sum + incident.actions.length, 0),
    },
  ];
  return { inputs, reads };
}

/** One read per mark source the checks use: changes, alert episodes, executed actions. */
function markReads(
  scope: AssistScope,
  window: AssistWindow,
  marks: readonly Mark[],
): AssistInput[] {
  const count = (source: string) => marks.filter((m) => m.annotation.source === source).length;
  return [
    { source: 'changes', scope, window, rows: count('change') },
    { source: 'alert_episodes', scope, window, rows: count('alert') },
    { source: 'actions', scope, window, rows: count('action') },
  ];
}

/** Events the breakdown may trail the rollups by (a minute recomputed between its two reads). */
const BREAKDOWN_SLACK = { events: 5, share: 0.005 };

function covers(
  slices: readonly BreakdownSlice[],
  side: 'now' | 'before',
  events: number,
): boolean {
  const counted = slices.reduce((sum, slice) => sum + slice[side].events, 0);
  return (
    Math.abs(events - counted) <= Math.max(BREAKDOWN_SLACK.events, events * BREAKDOWN_SLACK.share)
  );
}

/**
 * The breakdown only where it accounts for the rollups' events: minutes rolled up before it
 * existed have none, and comparing error classes over part of a window would be a quiet, wrong
 * answer.
 */
function breakdownOrGap(
  slices: BreakdownSlice[],
  self: AssistInputs['self'],
  window: AssistWindow,
  baseline: AssistWindow,
): Pick<AssistInputs, 'breakdown' | 'breakdownUncovered'> {
  if (!covers(slices, 'now', self.now.events))
    return { breakdown: [], breakdownUncovered: { window } };
  if (!covers(slices, 'before', self.before.events))
    return {
      breakdown: [],
      breakdownUncovered: { window: { from: baseline.from, to: baseline.to } },
    };
  return { breakdown: slices };
}

/** Past incidents before the window's start minute: answers asked within a minute share one search. */
function pastIncidentsOf(deps: AssistReadDeps, resolved: ResolvedScope, window: AssistWindow) {
  const before = { from: Math.floor(window.from / 60_000) * 60_000, to: window.to };
  const search = () => readPastIncidents(deps.pool, resolved.segments, resolved.entities, before);
  if (!deps.pastIncidents) return search();
  return deps.pastIncidents.get(
    `${resolved.segments.map((s) => s.id).join(',')}@${before.from}`,
    search,
  );
}
