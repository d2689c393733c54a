import type { Annotation } from '@watchfloor/shared/annotations';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Queryable } from '../../db/pool.ts';
import {
  actionAnnotations,
  type AnnotationScope as ActionScope,
} from '../actions/store/action-annotations.repository.ts';
import {
  alertEpisodeAnnotations,
  type AlertEpisodeScope,
} from '../alerts/alert-episodes.repository.ts';
import { changeAnnotations } from '../changes/changes.repository.ts';
import { eventFlags, type EventFlagScope } from './event-flags.repository.ts';

/**
 * The level of the drill-down whose chart is drawn. Changes and alerts name their scope by slug
 * (as sent, matched here); event flags and actions by the registered ids.
 */
export type MarkScope =
  | { kind: 'fleet'; segmentIds: readonly number[] }
  | { kind: 'segment'; id: number; slug: string; entitySlugs: readonly string[] }
  | { kind: 'entity'; id: number; slug: string; segmentSlug: string };

/**
 * Every mark of a scope that touches the window, merged and in time order: flagged events, change
 * events, alert episodes and executed or rolled-back control actions. Each source is capped at 500
 * marks (its oldest in the window), so a chart never gets more than 2,000. A range counts when it
 * overlaps the window (an open alert runs to now), an instant when it falls in [from, to). The
 * fleet shows every mark; a segment its own, its entities' and the fleet-wide ones; an entity its
 * own, its segment's without an entity, and the fleet-wide ones.
 */
export async function readAnnotations(
  conn: Queryable,
  scope: MarkScope,
  window: TimeWindow,
): Promise<Annotation[]> {
  const { from, to } = window;
  const { events, slugs, actions } = sourceScopes(scope);
  const [flagged, changes, alerts, executed] = await Promise.all([
    eventFlags(conn, events, from, to),
    changeAnnotations(conn, slugs, from, to),
    alertEpisodeAnnotations(conn, slugs, from, to),
    actionAnnotations(conn, actions, from, to),
  ]);
  const actionMarks = executed.map((mark): Annotation => ({ ...mark, source: 'action' }));
  // A stable sort: marks at the same instant keep the order of their sources.
  return [...flagged, ...changes, ...alerts, ...actionMarks].sort((a, b) => a.ts - b.ts);
}

function sourceScopes(scope: MarkScope): {
  events: EventFlagScope;
  /** Changes and alert episodes share one scope shape. */
  slugs: AlertEpisodeScope;
  actions: ActionScope;
} {
  switch (scope.kind) {
    case 'fleet':
      return {
        events: { segmentIds: scope.segmentIds },
        slugs: { fleet: true },
        actions: { fleet: true },
      };
    case 'segment':
      return {
        events: { segmentIds: [scope.id] },
        slugs: { segment: scope.slug, entitySlugs: [...scope.entitySlugs] },
        actions: { segmentId: scope.id },
      };
    case 'entity':
      return {
        events: { entityId: scope.id },
        slugs: { entity: scope.slug, segment: scope.segmentSlug },
        actions: { entityIds: [scope.id] },
      };
  }
}
