import type { SegmentDetail, SeriesPoint } from '@watchfloor/shared/drilldown';

/**
 * The part of the segment view's answer that comes from rollup rows alone: the window, the
 * segment's minute series, and each entity's figures now and in the preceding window with its
 * sparkline. Left out are what needs the quality model or judgement (each point's `partial`, the
 * header's health and "now", entity silence, last-seen and quality, annotations), so the bare
 * reference can answer it without them. Entities are in id order: the product's ranking breaks
 * ties on silence, which is a quality read.
 */
export interface SegmentReference {
  window: { from: number; to: number };
  previousWindow: { from: number; to: number };
  series: Omit<SeriesPoint, 'partial'>[];
  entities: ReferenceEntity[];
  sparklineBucketMs: number;
}

export interface ReferenceEntity {
  id: string;
  requests: number;
  errors: number;
  errorRatio: number | null;
  p95Ms: number | null;
  previous: { requests: number; errors: number; p95Ms: number | null };
  errorsAdded: number;
  latencyAddedMs: number;
  contribution: number;
  sparkline: [number, number, number][];
}

/** Code-unit order of ids, the same on both sides (no locale). */
export const byId = (a: { id: string }, b: { id: string }) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A series point without `partial`, its keys in the product's order. */
export function referencePoint(
  point: Omit<SeriesPoint, 'partial'>,
): SegmentReference['series'][number] {
  return {
    ts: point.ts,
    requests: point.requests,
    ratePerSecond: point.ratePerSecond,
    errors: point.errors,
    errorRatio: point.errorRatio,
    p50Ms: point.p50Ms,
    p95Ms: point.p95Ms,
    p99Ms: point.p99Ms,
    gaugeAvg: point.gaugeAvg,
    gaugeMin: point.gaugeMin,
    gaugeMax: point.gaugeMax,
  };
}

/** Keys in one fixed order, whichever side built the entity. */
export function referenceEntity(entity: ReferenceEntity): ReferenceEntity {
  return {
    id: entity.id,
    requests: entity.requests,
    errors: entity.errors,
    errorRatio: entity.errorRatio,
    p95Ms: entity.p95Ms,
    previous: {
      requests: entity.previous.requests,
      errors: entity.previous.errors,
      p95Ms: entity.previous.p95Ms,
    },
    errorsAdded: entity.errorsAdded,
    latencyAddedMs: entity.latencyAddedMs,
    contribution: entity.contribution,
    sparkline: entity.sparkline,
  };
}

/** The reference's JSON taken out of the product's answer (its `data`). */
export function referenceOfProductAnswer(detail: SegmentDetail): string {
  const reference: SegmentReference = {
    window: { from: detail.window.from, to: detail.window.to },
    previousWindow: { from: detail.previousWindow.from, to: detail.previousWindow.to },
    series: detail.series.map(referencePoint),
    entities: detail.entities.map(referenceEntity).sort(byId),
    sparklineBucketMs: detail.sparklineBucketMs,
  };
  return JSON.stringify({ data: reference });
}

export interface ByteDifference {
  /** Offset of the first differing byte (or the shorter text's length). */
  at: number;
  productLength: number;
  bareLength: number;
  /** Up to 80 bytes around it on each side. */
  product: string;
  bare: string;
}

/** The first place where two answers differ, or null when they are the same bytes. */
export function firstDifference(product: string, bare: string): ByteDifference | null {
  const a = Buffer.from(product);
  const b = Buffer.from(bare);
  const shorter = Math.min(a.length, b.length);
  let at = 0;
  while (at < shorter && a[at] === b[at]) at += 1;
  if (at === shorter && a.length === b.length) return null;
  const around = (bytes: Buffer) => bytes.subarray(Math.max(0, at - 40), at + 40).toString();
  return { at, productLength: a.length, bareLength: b.length, product: around(a), bare: around(b) };
}

/** Throws, showing the first difference, unless the bare reference answered the product's bytes. */
export function assertSameAnswer(label: string, product: string, bare: string): void {
  const difference = firstDifference(product, bare);
  if (!difference) return;
  throw new Error(
    `bare reference differs from the product for ${label} at byte ${difference.at} ` +
      `(product ${difference.productLength} bytes, bare ${difference.bareLength}):\n` +
      `  product: …${difference.product}…\n  bare:    …${difference.bare}…`,
  );
}
