/** Shape of a read-benchmark data set: how many events, over how long, across which fleet. */
export interface DatasetSpec {
  /** Scratch database that holds it; kept between runs. */
  database: string;
  label: string;
  totalEvents: number;
  days: number;
  segments: number;
  entitiesPerSegment: number;
  /** Share of all events sent by the one "firehose" entity. */
  firehoseShare: number;
  seed: number;
}

export interface FleetMember {
  segment: string;
  entity: string;
  /** Relative traffic among the ordinary entities (the firehose is sized by firehoseShare). */
  weight: number;
  medianMs: number;
  /** Heartbeats of this entity carry a gauge value (queue depth). */
  gauge: boolean;
}

const base = {
  days: 7,
  segments: 8,
  entitiesPerSegment: 25,
  firehoseShare: 0.15,
  seed: 20_250_101,
};

/** ≥ 10 M events over 7 days: 1,000 a minute on average. */
export const FULL_DATASET: DatasetSpec = {
  ...base,
  database: 'watchfloor_bench_api',
  label: '10 M',
  totalEvents: 10_080_000,
};
/** The same fleet and span with a tenth of the events, for the 10 M ÷ 1 M scaling figure. */
export const SMALL_DATASET: DatasetSpec = {
  ...base,
  database: 'watchfloor_bench_api_1m',
  label: '1 M',
  totalEvents: 1_008_000,
};

export const segmentSlug = (index: number) => `api-seg-${String(index).padStart(2, '0')}`;
export const FIREHOSE_SLUG = `${segmentSlug(1)}-firehose`;
/** The segment the segment views read: an ordinary one, not the firehose's. */
export const VIEW_SEGMENT_SLUG = segmentSlug(2);

/** 8 segments × 25 entities; the first entity of segment 1 is the firehose. */
export function benchFleet(spec: DatasetSpec): FleetMember[] {
  const fleet: FleetMember[] = [];
  for (let s = 1; s <= spec.segments; s += 1) {
    for (let e = 1; e <= spec.entitiesPerSegment; e += 1) {
      const entity =
        s === 1 && e === 1 ? FIREHOSE_SLUG : `${segmentSlug(s)}-svc-${String(e).padStart(2, '0')}`;
      fleet.push({
        segment: segmentSlug(s),
        entity,
        weight: 0.5 + ((s * 13 + e * 7) % 11) / 10,
        medianMs: 8 * (1 + ((s * 5 + e * 3) % 17)),
        gauge: e % 4 === 0,
      });
    }
  }
  return fleet;
}
