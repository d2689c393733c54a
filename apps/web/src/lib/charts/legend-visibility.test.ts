import { describe, expect, it, vi } from 'vitest';
import type { Options } from 'highcharts';
import {
  formatHidden,
  parseHidden,
  toggleHidden,
  withLegendVisibility,
} from './legend-visibility.ts';

const options: Options = {
  series: [
    { type: 'line', id: 'rate', data: [] },
    { type: 'column', id: 'errors', data: [] },
    { type: 'line', id: 'p95', data: [] },
    { type: 'line', data: [] },
  ],
};

describe('legend choices in the URL', () => {
  it('round-trips the hidden series through the parameter, in one stable order', () => {
    const hidden = toggleHidden(toggleHidden(parseHidden(null), 'p95', true), 'errors', true);
    const value = formatHidden(hidden);
    expect(value).toBe('errors,p95');
    expect([...parseHidden(value)].sort()).toEqual(['errors', 'p95']);
  });

  it('drops the parameter once nothing is hidden', () => {
    const shownAgain = toggleHidden(parseHidden('errors'), 'errors', false);
    expect(formatHidden(shownAgain)).toBeUndefined();
  });

  it('ignores empty pieces of a hand-edited parameter', () => {
    expect([...parseHidden('errors,, p95 ,')]).toEqual(['errors', 'p95']);
  });

  it('hides the series the URL names and shows the others', () => {
    const applied = withLegendVisibility(options, parseHidden('errors,p95'), () => {});
    expect(applied.series?.map((s) => [s.id, s.visible])).toEqual([
      ['rate', true],
      ['errors', false],
      ['p95', false],
      [undefined, undefined],
    ]);
  });

  it('reports a legend click as the series to hide or show again', () => {
    const onToggle = vi.fn();
    const applied = withLegendVisibility(options, new Set(), onToggle);
    const click = applied.legend?.events?.itemClick as unknown as (event: {
      legendItem: { visible: boolean; options: { id?: string } };
    }) => void;
    click({ legendItem: { visible: true, options: { id: 'errors' } } });
    click({ legendItem: { visible: false, options: { id: 'p95' } } });
    expect(onToggle.mock.calls).toEqual([
      ['errors', true],
      ['p95', false],
    ]);
  });
});
