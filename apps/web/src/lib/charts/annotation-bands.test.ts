import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Annotation } from '@watchfloor/shared/annotations';
import { annotationBands, bandLegendSeries, rangesInWindow } from './annotation-bands.ts';

const M = 60_000;
const window = { from: 10 * M, to: 70 * M };
const alert = (over: Partial<Annotation> = {}): Annotation => ({
  ts: 20 * M,
  endTs: 30 * M,
  kind: 'alert',
  source: 'alert',
  title: 'HighErrorRate',
  eventId: null,
  alertEpisodeId: 4,
  url: 'http://prometheus.example:9090/graph?g0.expr=up',
  severity: 'critical',
  ...over,
});

describe('annotationBands', () => {
  it('draws a closed alert episode from its start to its end, classed for alerts and labelled in words', () => {
    const [band, ...rest] = annotationBands([alert()], window);
    expect(rest).toEqual([]);
    expect(band).toMatchObject({ from: 20 * M, to: 30 * M });
    expect(band?.className?.split(' ')).toContain('wf-band-alert');
    expect(band?.className?.split(' ')).not.toContain('wf-band-open');
    expect(band?.label?.text).toBe('Alert: HighErrorRate');
    expect(band?.color).toMatch(/^rgba\(.*0\.\d+\)$/);
  });

  it('runs an open episode (still firing) to the end of the window and says so', () => {
    const [band] = annotationBands([alert({ endTs: null, open: true })], window);
    expect(band).toMatchObject({ from: 20 * M, to: 70 * M });
    expect(band?.className?.split(' ')).toEqual(
      expect.arrayContaining(['wf-band-alert', 'wf-band-open']),
    );
    expect(band?.label?.text).toBe('Alert firing: HighErrorRate');
  });

  it('clips ranges to the window and leaves out those wholly outside it', () => {
    const bands = annotationBands(
      [
        alert({ ts: 0, endTs: 15 * M, title: 'started before' }),
        alert({ ts: 60 * M, endTs: 90 * M, title: 'ends after' }),
        alert({ ts: 0, endTs: 5 * M, title: 'before' }),
        alert({ ts: 80 * M, endTs: null, open: true, title: 'after' }),
      ],
      window,
    );
    expect(bands.map((b) => [b.from, b.to, b.label?.text])).toEqual([
      [10 * M, 15 * M, 'Alert: started before'],
      [60 * M, 70 * M, 'Alert: ends after'],
    ]);
  });

  it('draws a change with an end as a change band with its kind in words, and never an instant', () => {
    const bands = annotationBands(
      [
        {
          ts: 40 * M,
          endTs: 50 * M,
          kind: 'config',
          source: 'change',
          title: 'pool size 20 → 40',
          eventId: null,
          changeId: 'c-1',
        },
        { ts: 45 * M, kind: 'deploy', source: 'change', title: 'v2.4.1', eventId: null },
        { ts: 46 * M, endTs: null, kind: 'action', title: 'Restart (#3)', eventId: null },
      ],
      window,
    );
    expect(bands).toHaveLength(1);
    expect(bands[0]).toMatchObject({ from: 40 * M, to: 50 * M, className: 'wf-band-change' });
    expect(bands[0]?.label?.text).toBe('Config: pool size 20 → 40');
  });

  it('gives overlapping alerts one label with their count and no darker fill than one alert', () => {
    const bands = annotationBands(
      [
        alert({ title: 'api-1 slow' }),
        alert({ ts: 21 * M, endTs: null, open: true, title: 'api-2 slow' }),
        alert({ ts: 22 * M, title: 'api-3 slow' }),
      ],
      window,
    );
    expect(bands).toHaveLength(3);
    expect(bands.map((b) => b.label?.text)).toEqual([
      'Alerts firing (3): api-1 slow',
      undefined,
      undefined,
    ]);
    const alpha = (color: unknown) => Number(/([0-9.]+)\)$/.exec(String(color))?.[1]);
    const stacked = 1 - bands.reduce((clear, b) => clear * (1 - alpha(b.color)), 1);
    expect(stacked).toBeCloseTo(alpha(annotationBands([alert()], window)[0]?.color), 2);
  });

  it('puts labels of overlapping bands of different kinds on different lines', () => {
    const bands = annotationBands(
      [alert(), { ...alert({ ts: 25 * M, endTs: 40 * M }), kind: 'infra', title: 'upgrade' }],
      window,
    );
    expect(bands.map((b) => b.label?.text)).toEqual(['Alert: HighErrorRate', 'Infra: upgrade']);
    expect(bands[0]?.label?.y).not.toBe(bands[1]?.label?.y);
  });
});

describe('band links', () => {
  afterEach(() => vi.restoreAllMocks());

  it("opens the alert's source in a new tab without a handle back to the app, and no link without a url", () => {
    const open = vi.spyOn(globalThis.window, 'open').mockReturnValue(null);
    const [linked, plain] = annotationBands(
      [alert(), alert({ ts: 40 * M, endTs: 45 * M, url: null })],
      window,
    );
    expect(linked?.className).toContain('wf-band-link');
    (linked?.events?.click as unknown as () => void)();
    expect(open).toHaveBeenCalledWith(
      'http://prometheus.example:9090/graph?g0.expr=up',
      '_blank',
      'noopener,noreferrer',
    );
    expect(plain?.events).toBeUndefined();
    expect(plain?.className).not.toContain('wf-band-link');
  });

  it('never opens a url that is not http(s)', () => {
    const open = vi.spyOn(globalThis.window, 'open').mockReturnValue(null);
    const [band] = annotationBands([alert({ url: 'javascript:alert(1)' })], window);
    (band?.events?.click as unknown as () => void)();
    expect(open).not.toHaveBeenCalled();
  });
});

describe('band legend', () => {
  it('names each kind drawn as a band once, in its colour, and adds nothing without bands', () => {
    const series = bandLegendSeries([alert(), alert({ ts: 25 * M })], window);
    expect(series).toMatchObject([
      { name: 'Alert episodes (bands)', color: '#b91c1c', data: [], showInNavigator: false },
    ]);
    expect(bandLegendSeries([alert({ ts: 0, endTs: M })], window)).toEqual([]);
  });

  it('orders ranges oldest first', () => {
    const ranges = rangesInWindow([alert({ ts: 30 * M }), alert({ ts: 20 * M })], window);
    expect(ranges.map((r) => r.from)).toEqual([20 * M, 30 * M]);
  });
});
