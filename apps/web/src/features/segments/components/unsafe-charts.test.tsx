import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Quality } from '@watchfloor/shared/quality';
import {
  OK_QUALITY,
  segmentDetailFixture,
  segmentResponseFixture,
  UNSAFE_QUALITY,
} from '../../../lib/testing/drilldown-fixtures.ts';
import { relative } from '../../../lib/time-window.ts';
import { SegmentChartPanel } from './segment-chart-panel.tsx';
import { TopEntitiesPanel } from './top-entities-panel.tsx';

/**
 * The segment page's chart panels on unsafe data: the guard must sit inside each panel, so taking
 * it out of one turns this red. A chart renders (first as its "Loading chart…" frame) only when safe.
 */
const withClient = (ui: ReactNode) =>
  renderToStaticMarkup(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);
const point = {
  ts: segmentDetailFixture().window.from,
  partial: false,
  requests: 60,
  ratePerSecond: 1,
  errors: 1,
  errorRatio: 1 / 60,
  p50Ms: 40,
  p95Ms: 90,
  p99Ms: 120,
  gaugeAvg: null,
  gaugeMin: null,
  gaugeMax: null,
};

function segmentChart(quality: Quality): string {
  const body = segmentResponseFixture(quality, segmentDetailFixture({ series: [point] }));
  return withClient(
    <SegmentChartPanel
      body={body}
      view={{ window: relative('1h'), filters: {} }}
      compare={false}
      onZoom={() => undefined}
      current
    />,
  );
}

function topEntities(quality: Quality): string {
  return withClient(
    <TopEntitiesPanel
      detail={segmentDetailFixture()}
      resolution="1m"
      qualityState={quality.state}
      onZoom={() => undefined}
    />,
  );
}

describe('segment chart panels on unsafe data', () => {
  it('the segment chart panel says "Data unsafe" and draws no chart', () => {
    const html = segmentChart(UNSAFE_QUALITY);
    expect(html).toContain('Data unsafe:');
    expect(html).toContain('the segment chart is hidden');
    expect(html).not.toContain('chart-frame');
    expect(html).not.toContain('Loading chart');
  });

  it('the top-entities panel says "Data unsafe" and draws no chart', () => {
    const html = topEntities(UNSAFE_QUALITY);
    expect(html).toContain('Data unsafe:');
    expect(html).toContain('the entity comparison is hidden');
    expect(html).not.toContain('chart-frame');
  });

  it('both panels draw their chart on safe data', () => {
    for (const html of [segmentChart(OK_QUALITY), topEntities(OK_QUALITY)]) {
      expect(html).toContain('chart-frame');
      expect(html).not.toContain('Data unsafe');
    }
  });
});
