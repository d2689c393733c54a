import type { Counts } from '@watchfloor/shared/trends/burn-rate';
import { errorBudget } from '@watchfloor/shared/trends/error-budget';
import { meanTimeToRecover } from '@watchfloor/shared/trends/incidents';
import { latencyCompliance } from '@watchfloor/shared/trends/latency-compliance';
import type { Coverage, PeriodFigures } from '@watchfloor/shared/trends/api';
import { availability } from '@watchfloor/shared/metrics/ratios';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Tally } from './latency-cells.ts';
import type { SegmentIncident } from './incident-search.ts';
import type { ActionRow } from './trends.repository.ts';
import { actionsWithin } from './action-stats.ts';

export interface PeriodInputs {
  window: TimeWindow;
  counts: Counts;
  latencyResolution: '1m' | '1h';
  latency: Tally | undefined;
  /** This segment's incidents, any period. */
  incidents: readonly SegmentIncident[];
  /** Every action, any segment. */
  actions: readonly ActionRow[];
  /** The instant ongoing incidents are measured to. */
  alertsAt: number;
  /** The period's elapsed minutes and those with data. */
  coverage: Coverage;
}

/** One segment's figures for one period, from counts and incidents gathered for both periods at once. */
export function periodFigures(
  segment: { id: number; sloAvailability: number },
  input: PeriodInputs,
): PeriodFigures {
  const { window } = input;
  const started = input.incidents.filter((i) => i.start >= window.from && i.start < window.to);
  const withAction = started.filter(
    (i) =>
      actionsWithin(input.actions, segment.id, i.start, i.ongoing ? input.alertsAt : i.end) > 0,
  );
  const ratio = availability(input.counts.errors, input.counts.requests);
  const budget = errorBudget(input.counts, segment.sloAvailability);
  return {
    requests: input.counts.requests,
    errors: input.counts.errors,
    availability: ratio,
    meetsSlo: ratio === null ? null : ratio >= segment.sloAvailability,
    latency: latencyCompliance(
      input.latencyResolution,
      input.latency?.judged ?? 0,
      input.latency?.met ?? 0,
    ),
    budget,
    incidents: started.length,
    mttrMs: meanTimeToRecover(started),
    actions: input.actions.filter(
      (a) => a.segmentId === segment.id && a.proposedAt >= window.from && a.proposedAt < window.to,
    ).length,
    incidentsWithAction: withAction.length,
    coverage: input.coverage,
  };
}
