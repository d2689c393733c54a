import type {
  PointOptionsObject,
  SeriesZonesOptionsObject,
  XAxisPlotBandsOptions,
} from 'highcharts';
import { RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';

/** One [ts, value] point; null breaks the line. */
export type XY = [number, number | null];

export interface Bucketed {
  ts: number;
  partial?: boolean;
}

/**
 * A series with a null after every bucket whose successor is missing, so the line breaks at a gap
 * instead of sloping across it. A missing bucket is unknown, never zero.
 */
export function withGaps<T extends Bucketed>(
  points: readonly T[],
  resolution: Resolution,
  value: (point: T) => number | null,
): XY[] {
  const size = RESOLUTIONS[resolution];
  const out: XY[] = [];
  points.forEach((point, i) => {
    out.push([point.ts, value(point)]);
    const next = points[i + 1];
    if (next && next.ts - point.ts > size) out.push([point.ts + size, null]);
  });
  return out;
}

/**
 * Columns cannot break a line, so gaps simply have no column; partial ones (and the still-open
 * bucket, `openTs`) are drawn hollow.
 */
export function columnPoints<T extends Bucketed>(
  points: readonly T[],
  value: (point: T) => number,
  openTs: number | null = null,
): PointOptionsObject[] {
  return points.map((point) =>
    point.partial || point.ts === openTs
      ? { x: point.ts, y: value(point), className: 'partial-bucket' }
      : { x: point.ts, y: value(point) },
  );
}

export function firstPartialTs(points: readonly Bucketed[]): number | null {
  return points.find((point) => point.partial)?.ts ?? null;
}

/** Lines turn dotted from the first partial bucket on: those values may still change. */
export function partialZones(firstPartial: number | null): SeriesZonesOptionsObject[] | undefined {
  return firstPartial === null ? undefined : [{ value: firstPartial }, { dashStyle: 'ShortDot' }];
}

/** Columns from the first partial bucket on are drawn pale, with the dotted outline of the lines. */
export function partialColumnZones(
  firstPartial: number | null,
  color: string,
): SeriesZonesOptionsObject[] | undefined {
  return firstPartial === null
    ? undefined
    : [
        { value: firstPartial, color },
        { color: 'rgba(198, 40, 40, 0.28)', dashStyle: 'ShortDot' },
      ];
}

/** A shaded, labelled band over the buckets that are not final yet. */
export function partialBand(firstPartial: number | null, to: number): XAxisPlotBandsOptions[] {
  if (firstPartial === null || firstPartial >= to) return [];
  // The band is often one bucket wide: the label sits left of its end so it is never clipped.
  return [
    {
      from: firstPartial,
      to,
      color: 'rgba(100, 116, 139, 0.12)',
      label: {
        text: 'partial',
        align: 'right',
        textAlign: 'right',
        x: -3,
        y: 12,
        // No colour of its own: the chart theme gives it the page's muted ink in either palette.
        style: { fontSize: '11px' },
      },
    },
  ];
}
