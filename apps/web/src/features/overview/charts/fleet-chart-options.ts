import type { Options } from 'highcharts';
import type { FleetPoint } from '@watchfloor/shared/overview';
import {
  buildRedPaneOptions,
  rateP95ErrorPanes,
  type RedChartData,
} from '../../../lib/charts/red-panes.ts';

/** The fleet's buckets; its annotations are the fleet-wide changes and alerts and every control action. */
export type FleetChartInput = RedChartData<FleetPoint>;

/**
 * Fleet rate, p95 and errors in three panes on one time axis, changes, alerts and control actions
 * flagged on the rate line or drawn as bands; partial buckets dotted and pale.
 */
export function buildFleetChartOptions(input: FleetChartInput): Options {
  return buildRedPaneOptions(input, {
    panes: rateP95ErrorPanes([40, 30, 30]),
    height: 420,
    description:
      'Fleet requests per second, p95 latency and errors, with changes, alerts and control actions marked.',
    exportName: 'watchfloor-fleet',
    exportTitle: 'Fleet — rate, p95 latency and errors',
  });
}
