import type { EntityContribution } from '@watchfloor/shared/drilldown';
import { HEALTH_RULES } from '@watchfloor/shared/overview';
import type { QualitySummary } from '@watchfloor/shared/quality';
import { formatCount, formatMs, formatPercent } from '../../../lib/format.ts';

/** Why a row stands out, in a word as well as a colour. */
export type EntityFlag = 'silent' | 'errors' | null;

export interface EntityRow {
  rank: number;
  id: string;
  kind: string;
  state: string;
  flag: EntityFlag;
  silent: boolean;
  lastSeenAt: number | null;
  requests: string;
  errors: string;
  /** "+160 vs previous" or null when nothing was added. */
  errorsAdded: string | null;
  errorRatio: string;
  p95: string;
  p95Previous: string;
  contribution: string;
  /** 0–1 for the bar: contribution is a sum of two shares, so it runs 0–2. */
  contributionShare: number;
  sparkline: EntityContribution['sparkline'];
  /** This entity's own data quality in the window (silence, pending data), in one line. */
  quality: QualitySummary;
}

/** Rows in the server's contribution order (the ranking is the BFF's, not re-sorted here). */
export function toEntityRows(entities: readonly EntityContribution[]): EntityRow[] {
  return entities.map((e, i) => ({
    rank: i + 1,
    id: e.id,
    kind: e.kind,
    state: e.state,
    flag: e.silent
      ? 'silent'
      : e.errorRatio !== null && e.errorRatio >= HEALTH_RULES.criticalErrorRatio
        ? 'errors'
        : null,
    silent: e.silent,
    lastSeenAt: e.lastSeenAt,
    requests: formatCount(e.requests),
    errors: formatCount(e.errors),
    errorsAdded: e.errorsAdded > 0 ? `+${formatCount(e.errorsAdded)} vs previous` : null,
    errorRatio: e.requests > 0 ? formatPercent(e.errorRatio) : formatPercent(null),
    p95: formatMs(e.p95Ms),
    p95Previous: formatMs(e.previous.p95Ms),
    contribution: e.contribution.toFixed(2),
    contributionShare: Math.max(0, Math.min(1, e.contribution / 2)),
    sparkline: e.sparkline,
    quality: e.quality,
  }));
}
