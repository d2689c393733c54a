import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as perfMarks from '../lib/perf-marks.ts';
import { UnsafeGuard } from './unsafe-guard.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const chart = <div className="the-chart">Requests, latency and errors</div>;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('UnsafeGuard', () => {
  it('says "Data unsafe" in words and leaves the chart out of the page entirely', () => {
    const html = renderToStaticMarkup(
      <UnsafeGuard state="unsafe" what="the segment chart">
        {chart}
      </UnsafeGuard>,
    );
    expect(html).toContain('Data unsafe:');
    expect(html).toContain('the segment chart is hidden');
    expect(html).not.toContain('the-chart');
    expect(html).not.toContain('Requests, latency and errors');
  });

  it('draws the chart as it is when the data is ok or degraded (the banner says why)', () => {
    for (const state of ['ok', 'degraded'] as const) {
      const html = renderToStaticMarkup(
        <UnsafeGuard state={state} what="the segment chart">
          {chart}
        </UnsafeGuard>,
      );
      expect(html).toContain('the-chart');
      expect(html).not.toContain('Data unsafe');
    }
  });

  it('shows an unsafe chart only after "Show it anyway", and then with a warning', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <UnsafeGuard state="unsafe" what="the segment chart">
          {chart}
        </UnsafeGuard>,
      ),
    );
    expect(container.querySelector('.the-chart')).toBeNull();
    const button = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Show it anyway',
    );
    await act(async () => button?.click());
    expect(container.querySelector('.the-chart')).not.toBeNull();
    expect(container.textContent).toContain('Showing unsafe data: figures may be wrong.');
    act(() => root.unmount());
  });

  it("counts its statement as the level's paint: a click to an unsafe level is timed too", async () => {
    const marked = vi.spyOn(perfMarks, 'markPainted').mockImplementation(() => undefined);
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <UnsafeGuard state="unsafe" what="the segment chart" paintLevel="segment">
          {chart}
        </UnsafeGuard>,
      ),
    );
    expect(marked).toHaveBeenCalledWith('segment');
    marked.mockClear();
    await act(async () =>
      root.render(
        <UnsafeGuard state="ok" what="the segment chart" paintLevel="segment">
          {chart}
        </UnsafeGuard>,
      ),
    );
    // Shown, the chart marks its own paint once drawn.
    expect(marked).not.toHaveBeenCalled();
    act(() => root.unmount());
    marked.mockRestore();
  });
});
