/** Rollup resolutions, finest first. Bucket boundaries are aligned to the Unix epoch in UTC. */
export const RESOLUTIONS = {
  '1m': 60_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
} as const;

export type Resolution = keyof typeof RESOLUTIONS;
export const RESOLUTION_ORDER: readonly Resolution[] = ['1m', '1h', '1d'];

/** The most points one series may carry before a coarser resolution is chosen. */
export const MAX_POINTS_PER_SERIES = 1_500;

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  '1m': '1-minute buckets',
  '1h': '1-hour buckets',
  '1d': '1-day buckets',
};

export function bucketStart(ts: number, resolution: Resolution): number {
  const size = RESOLUTIONS[resolution];
  return Math.floor(ts / size) * size;
}

export function bucketCount(fromMs: number, toMs: number, resolution: Resolution): number {
  const size = RESOLUTIONS[resolution];
  return Math.ceil(toMs / size) - Math.floor(fromMs / size);
}

/** The finest resolution whose point count for the window fits MAX_POINTS_PER_SERIES. */
export function pickResolution(
  fromMs: number,
  toMs: number,
  maxPoints = MAX_POINTS_PER_SERIES,
): Resolution {
  for (const resolution of RESOLUTION_ORDER) {
    if (bucketCount(fromMs, toMs, resolution) <= maxPoints) return resolution;
  }
  return '1d';
}
