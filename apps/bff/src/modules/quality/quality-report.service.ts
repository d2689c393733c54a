import type { QualityReport } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { findNamedScope } from './named-scope.ts';
import { assessQuality, type QualityDeps } from './quality.service.ts';

/** The quality report of the entity or segment a request names, or of the whole fleet. */
export async function getQualityReport(
  deps: QualityDeps,
  window: TimeWindow,
  names: { entity?: string; segment?: string },
): Promise<QualityReport> {
  const scope = (await findNamedScope(deps.pool, names)) ?? { kind: 'fleet' };
  return assessQuality(deps, { window, scope });
}
