import { EVIDENCE_MAX_ALERTS, type Evidence } from '@watchfloor/shared/actions/api';
import type { Annotation } from '@watchfloor/shared/annotations';
import type { Queryable } from '../../../db/pool.ts';
import {
  alertEpisodeAnnotations,
  type AlertEpisodeScope,
} from '../../alerts/alert-episodes.repository.ts';
import type { ResolvedTarget } from '../policy/policy-inputs.ts';

/**
 * The alert episodes on an action's target that overlap the evidence window, or are still firing
 * as it is proposed, newest first and at most EVIDENCE_MAX_ALERTS: what an approver must see
 * beside the proposer's figures. Read by the server, so a client can neither add nor hide one.
 */
export async function evidenceAlerts(
  conn: Queryable,
  target: ResolvedTarget,
  window: Evidence['window'],
  now: number,
): Promise<Annotation[]> {
  const episodes = await alertEpisodeAnnotations(
    conn,
    alertScope(target),
    window.from,
    Math.max(window.to, now + 1),
  );
  return episodes
    .filter((episode) => episode.open === true || episode.ts < window.to)
    .sort((a, b) => b.ts - a.ts || (b.alertEpisodeId ?? 0) - (a.alertEpisodeId ?? 0))
    .slice(0, EVIDENCE_MAX_ALERTS);
}

function alertScope(target: ResolvedTarget): AlertEpisodeScope {
  if (target.qualityScope.kind === 'segment')
    return {
      segment: target.segmentSlug,
      entitySlugs: target.qualityScope.entities.map((entity) => entity.slug),
    };
  return { entity: target.slug, segment: target.segmentSlug };
}
