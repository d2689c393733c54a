import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '@watchfloor/shared/annotations';
import { AlertsList, WhatChangedList } from './annotation-lists.tsx';

const M = 60_000;
const window = { from: 0, to: 60 * M };
const render = (ui: React.ReactNode) => {
  const container = document.createElement('div');
  container.innerHTML = renderToStaticMarkup(<MemoryRouter>{ui}</MemoryRouter>);
  return container;
};

const firing: Annotation = {
  ts: 10 * M,
  endTs: null,
  open: true,
  kind: 'alert',
  source: 'alert',
  title: 'HighErrorRate',
  eventId: null,
  alertEpisodeId: 9,
  url: 'http://prometheus.example:9090/graph?g0.expr=x',
  severity: 'critical',
  segment: 'checkout',
  entity: 'checkout-1',
};

describe('AlertsList', () => {
  it('shows a firing alert with its severity and a Source link that opens a new tab', () => {
    const list = render(<AlertsList annotations={[firing]} window={window} />);
    expect(list.querySelector('h2')?.textContent).toBe('Alerts');
    const row = list.querySelector('tbody tr');
    expect(row?.getAttribute('data-alert-state')).toBe('firing');
    expect(row?.textContent).toContain('firing');
    expect(row?.textContent).toContain('critical');
    expect(row?.textContent).toContain('entity checkout-1');
    const source = row?.querySelector('a');
    expect(source?.textContent).toContain('Source');
    expect(source?.getAttribute('href')).toBe(firing.url);
    expect(source?.getAttribute('target')).toBe('_blank');
    expect(source?.getAttribute('rel')).toContain('noopener');
  });

  it('shows when a resolved alert ended, and no link without a source', () => {
    const list = render(
      <AlertsList
        annotations={[{ ...firing, open: false, endTs: 20 * M, url: null }]}
        window={window}
      />,
    );
    const row = list.querySelector('tbody tr');
    expect(row?.getAttribute('data-alert-state')).toBe('resolved');
    expect(row?.textContent).not.toContain('firing');
    expect(row?.textContent).toContain('00:20 UTC');
    expect(row?.querySelector('a')).toBeNull();
  });

  it('says in one quiet line that nothing fired', () => {
    const list = render(<AlertsList annotations={[]} window={window} />);
    expect(list.querySelector('table')).toBeNull();
    expect(list.querySelector('.annotation-list__empty')?.textContent).toBe(
      'No alerts fired in this window.',
    );
  });
});

describe('WhatChangedList', () => {
  it('lists a change with its kind word and link, and an action with its timeline', () => {
    const list = render(
      <WhatChangedList
        annotations={[
          {
            ts: 5 * M,
            kind: 'config',
            source: 'change',
            changeId: 'c1',
            title: 'pool size 40',
            eventId: null,
            url: 'https://git.example/c1',
          },
          {
            ts: 7 * M,
            kind: 'action',
            title: 'Restart checkout-1 (#3)',
            eventId: null,
            actionId: 3,
          },
          firing,
        ]}
        window={window}
      />,
    );
    expect(list.querySelector('h2')?.textContent).toBe('What changed');
    const rows = [...list.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual([
      'Restart checkout-1 (#3)',
      'pool size 40',
    ]);
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe('/actions/3');
    expect(rows[0]?.querySelector('a')?.getAttribute('target')).toBeNull();
    expect(rows[1]?.textContent).toContain('Config');
    expect(rows[1]?.querySelector('a')?.getAttribute('href')).toBe('https://git.example/c1');
    expect(rows[1]?.querySelector('a')?.getAttribute('rel')).toContain('noopener');
  });

  it('says in one quiet line that nothing changed', () => {
    const list = render(<WhatChangedList annotations={[firing]} window={window} />);
    expect(list.querySelector('.annotation-list__empty')?.textContent).toBe(
      'No changes or actions in this window.',
    );
  });
});

describe('AlertsList limit', () => {
  it('shows the newest alerts only and says how many more there are', () => {
    const alerts = [0, 1, 2].map((i) => ({ ...firing, ts: (10 + i) * M, alertEpisodeId: i + 1 }));
    const list = render(<AlertsList annotations={alerts} window={window} limit={2} />);
    expect(list.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(list.textContent).toContain('1 more in this window');
  });
});
