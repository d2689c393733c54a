import type { Options } from 'highcharts';
import type { SeriesPoint } from '@watchfloor/shared/drilldown';
import {
  buildRedPaneOptions,
  ERROR_COLUMNS,
  latencyLine,
  rateLine,
  type RedChartData,
} from '../../../lib/charts/red-panes.ts';

export interface RedChartInput extends RedChartData<SeriesPoint> {
  entityId: string;
}

/**
 * Rate, errors and duration (p50/p95/p99) of one entity in three panes on one shared time axis,
 * with changes, alerts and actions flagged on the rate line or drawn as bands.
 */
export function buildRedChartOptions(input: RedChartInput): Options {
  return buildRedPaneOptions(input, {
    panes: [
      { axis: 'req/s', height: 32, series: [rateLine(3)] },
      { axis: 'errors', height: 28, series: [ERROR_COLUMNS] },
      {
        axis: 'latency ms',
        height: 40,
        series: [latencyLine('p50'), latencyLine('p95'), latencyLine('p99')],
      },
    ],
    height: 460,
    description: `Rate, errors and p50, p95 and p99 latency of entity ${input.entityId}, with changes, alerts and actions marked.`,
    exportName: `watchfloor-entity-${input.entityId}`,
    exportTitle: `Entity ${input.entityId} — rate, errors and latency`,
  });
}
