import { useMemo, useState } from 'react';
import type { SegmentDetail } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { QualityState } from '@watchfloor/shared/quality';
import { StockChart } from '../../../components/stock-chart.tsx';
import { UnsafeGuard } from '../../../components/unsafe-guard.tsx';
import type { Bounds } from '../../../lib/time-window.ts';
import {
  buildEntityOverlayOptions,
  OVERLAY_METRICS,
  type OverlayMetric,
} from '../charts/entity-overlay-options.ts';

const TOP = 5;

interface Props {
  detail: SegmentDetail;
  resolution: Resolution;
  qualityState: QualityState;
  onZoom: (zoom: Bounds | null) => void;
}

/** The top entities by contribution on one chart, so a culprit's line stands apart from its peers. */
export function TopEntitiesPanel({ detail, resolution, qualityState, onZoom }: Props) {
  const [metric, setMetric] = useState<OverlayMetric>('errors');
  const options = useMemo(
    () =>
      buildEntityOverlayOptions({
        entities: detail.entities,
        metric,
        resolution,
        bucketMs: detail.sparklineBucketMs,
        window: detail.window,
        top: TOP,
        segmentId: detail.segment.slug,
      }),
    [detail, metric, resolution],
  );
  if (detail.entities.length === 0)
    return <p className="chart-placeholder">No entities to compare.</p>;
  return (
    <>
      <div className="segmented" role="radiogroup" aria-label="Metric to compare">
        {(Object.keys(OVERLAY_METRICS) as OverlayMetric[]).map((key) => (
          <label
            key={key}
            className={
              key === metric ? 'segmented__option segmented__option--on' : 'segmented__option'
            }
          >
            <input
              type="radio"
              name="overlay-metric"
              value={key}
              checked={key === metric}
              onChange={() => setMetric(key)}
            />
            {OVERLAY_METRICS[key].label}
          </label>
        ))}
      </div>
      <UnsafeGuard state={qualityState} what="the entity comparison">
        <StockChart
          options={options}
          onZoom={onZoom}
          label={`${OVERLAY_METRICS[metric].label} of the top ${TOP} entities`}
        />
      </UnsafeGuard>
    </>
  );
}
