import type { ReactNode } from 'react';
import type { QualityState } from '@watchfloor/shared/quality';
import type { DrillLevel } from '../lib/paths.ts';
import { ErrorMessage } from './error-message.tsx';
import { StockChart, type StockChartProps } from './stock-chart.tsx';
import { UnsafeGuard } from './unsafe-guard.tsx';

interface Props extends Omit<StockChartProps, 'paintLevel'> {
  /** The chart's zoom, as useZoomedSeries gives it: the visible window's and the navigator's request. */
  zoom: {
    zoomed: boolean;
    main: { error: Error | null; isSuccess: boolean };
    outer: { error: Error | null };
  };
  /** The page answer's quality: unsafe data hides the chart until the operator asks for it. */
  quality: QualityState;
  /** Names the chart in the unsafe-data statement ("the segment chart"). */
  what: string;
  /** Names its series in error messages ("segment series"). */
  seriesName: string;
  /** The level whose main chart this is. */
  level: DrillLevel;
  /** True once the page's answer is for this window (not a placeholder), so the paint can be timed. */
  current: boolean;
  /** Further failed requests of this chart, shown after the zoom's. */
  children?: ReactNode;
}

/**
 * The main chart of a drill-down level: behind the unsafe-data guard, with the zoom's failed
 * requests in words above it. It counts as painted only once it shows the current answer and,
 * zoomed, the finer series of the visible window, so click-to-paint never times a stale chart.
 */
export function DrillChart({
  zoom,
  quality,
  what,
  seriesName,
  level,
  current,
  children,
  ...chart
}: Props) {
  const { zoomed, main, outer } = zoom;
  return (
    <UnsafeGuard state={quality} what={what} paintLevel={current ? level : undefined}>
      {main.error && <ErrorMessage error={main.error} what={`The zoomed ${seriesName}`} />}
      {outer.error && <ErrorMessage error={outer.error} what={`The navigator's ${seriesName}`} />}
      {children}
      <StockChart
        {...chart}
        paintLevel={current && (!zoomed || main.isSuccess) ? level : undefined}
      />
    </UnsafeGuard>
  );
}
