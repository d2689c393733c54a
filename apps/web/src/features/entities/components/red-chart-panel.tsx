import { useMemo } from 'react';
import { DrillChart } from '../../../components/drill-chart.tsx';
import type { Bounds } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useZoomedSeries } from '../../../lib/use-zoomed-series.ts';
import { ENTITY_METRICS, type EntityResponse } from '../api/get-entity.ts';
import { buildRedChartOptions } from '../charts/red-chart-options.ts';

interface Props {
  body: EntityResponse;
  view: DrillView;
  onZoom: (zoom: Bounds | null) => void;
  current: boolean;
}

/** RED charts of one entity; zoomed, the visible window loads finer buckets while the navigator keeps the outer window. */
export function RedChartPanel({ body, view, onZoom, current }: Props) {
  const entityId = body.data.entity.id;
  const zoom = useZoomedSeries(
    { scope: 'entity', id: entityId },
    view,
    ENTITY_METRICS,
    body,
    body.data.series,
  );
  const { points, resolution, navigator } = zoom;

  const options = useMemo(
    () =>
      buildRedChartOptions({
        entityId,
        points,
        resolution,
        window: body.data.window,
        generatedAt: body.meta.generatedAt,
        annotations: body.data.annotations,
        navigator,
      }),
    [
      entityId,
      points,
      resolution,
      body.data.window,
      body.meta.generatedAt,
      body.data.annotations,
      navigator,
    ],
  );

  if (points.length === 0)
    return <p className="chart-placeholder">No data from this entity in this window.</p>;
  return (
    <DrillChart
      zoom={zoom}
      quality={body.quality.state}
      what="the RED chart"
      seriesName="series"
      level="entity"
      current={current}
      options={options}
      onZoom={onZoom}
      label={`Rate, errors and latency of ${entityId}`}
    />
  );
}
