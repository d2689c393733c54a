/** [bucket start, requests, errors], as the segment endpoint sends per entity. */
export type SparkPoint = readonly [number, number, number];

export interface SparkFrame {
  width: number;
  height: number;
  from: number;
  to: number;
  bucketMs: number;
}

export interface SparkPaths {
  requests: string;
  errors: string;
  /** Largest request count, the top of the scale; 0 when the entity had no traffic. */
  max: number;
}

/**
 * SVG paths for a table sparkline: requests and errors on one scale, so a culprit's red line
 * rises to meet its grey one. A missing bucket breaks both lines (a new "M"), never drops to zero.
 */
export function sparklinePaths(points: readonly SparkPoint[], frame: SparkFrame): SparkPaths {
  const max = points.reduce((m, p) => Math.max(m, p[1]), 0);
  const span = Math.max(1, frame.to - frame.from);
  const pad = 1.5;
  const x = (ts: number) => round(((ts - frame.from) / span) * frame.width);
  const y = (value: number) =>
    round(frame.height - pad - (max === 0 ? 0 : (value / max) * (frame.height - 2 * pad)));
  const build = (value: (p: SparkPoint) => number) =>
    points
      .map((p, i) => {
        const previous = points[i - 1];
        const jump = !previous || p[0] - previous[0] > frame.bucketMs;
        return `${jump ? 'M' : 'L'}${x(p[0])} ${y(value(p))}`;
      })
      .join('');
  return { requests: build((p) => p[1]), errors: build((p) => p[2]), max };
}

const round = (n: number) => Math.round(n * 10) / 10;
