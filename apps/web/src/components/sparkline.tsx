import { sparklinePaths, type SparkFrame, type SparkPoint } from '../lib/charts/sparkline-path.ts';

const WIDTH = 120;
const HEIGHT = 26;

/**
 * A table-cell sparkline in plain SVG: one Highstock instance per row would cost more than the
 * whole table. The numbers beside it carry the meaning; the picture is for shape only.
 */
export function Sparkline({
  points,
  window,
  bucketMs,
  label,
}: {
  points: readonly SparkPoint[];
  window: { from: number; to: number };
  bucketMs: number;
  label: string;
}) {
  const frame: SparkFrame = {
    width: WIDTH,
    height: HEIGHT,
    from: window.from,
    to: window.to,
    bucketMs,
  };
  const paths = sparklinePaths(points, frame);
  if (points.length === 0) return <span className="muted">no data</span>;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <path d={paths.requests} className="sparkline__requests" />
      {points.some((p) => p[2] > 0) && <path d={paths.errors} className="sparkline__errors" />}
    </svg>
  );
}
