import { describe, expect, it } from 'vitest';
import { annotationFlags } from './annotation-flags.ts';

describe('annotationFlags', () => {
  it("pins the window's annotations to a series in time order, named in words", () => {
    const flags = annotationFlags(
      [
        { ts: 300, kind: 'alert', title: 'p95 above target', eventId: null },
        { ts: 100, kind: 'deploy', title: 'deploy v2.14.0', eventId: 'e1' },
        { ts: 9_000, kind: 'action', title: 'outside', eventId: null },
      ],
      { from: 0, to: 1_000 },
      'rate',
    );
    expect(flags).toMatchObject({ type: 'flags', onSeries: 'rate', showInNavigator: false });
    expect(flags?.data).toMatchObject([
      { x: 100, title: 'Deploy', text: 'Deploy: deploy v2.14.0' },
      { x: 300, title: 'Alert' },
    ]);
  });

  it('adds no series when nothing happened in the window', () => {
    expect(annotationFlags([], { from: 0, to: 1 }, 'rate')).toBeNull();
  });

  it('stands the flags on the time axis when one is past the last point of the series', () => {
    const annotations = [
      { ts: 500, kind: 'action' as const, title: 'Drain entity e1 (#2)', eventId: null },
    ];
    expect(
      annotationFlags(annotations, { from: 0, to: 1_000 }, 'rate', 400)?.onSeries,
    ).toBeUndefined();
    expect(
      annotationFlags(annotations, { from: 0, to: 1_000 }, 'rate', null)?.onSeries,
    ).toBeUndefined();
    expect(annotationFlags(annotations, { from: 0, to: 1_000 }, 'rate', 600)?.onSeries).toBe(
      'rate',
    );
  });
});

describe('annotationFlags naming', () => {
  it('names the flags for the chart they are on, each flag still saying what happened', () => {
    const flags = annotationFlags(
      [{ ts: 10, kind: 'action', title: 'Restart entity e1 (#7)', eventId: null }],
      { from: 0, to: 100 },
      'rate',
      50,
      'Control actions',
    );
    expect(flags?.name).toBe('Control actions');
    expect(flags?.color).toBe('#047857');
    expect(flags?.data).toMatchObject([
      { x: 10, title: 'Action', text: 'Action: Restart entity e1 (#7)' },
    ]);
  });
});

describe('annotationFlags links', () => {
  it("opens an action's timeline from its flag, and leaves deploys and alerts without a link", async () => {
    const { setAppNavigator } = await import('../navigate-in-app.ts');
    const opened: string[] = [];
    setAppNavigator((href) => opened.push(href));
    const flags = annotationFlags(
      [
        { ts: 10, kind: 'action', title: 'Drain entity e1 (#7)', eventId: null, actionId: 7 },
        { ts: 20, kind: 'deploy', title: 'deploy v3', eventId: 'd1' },
      ],
      { from: 0, to: 100 },
      'rate',
    );
    expect(flags?.cursor).toBe('pointer');
    const points = (flags?.data ?? []) as { custom?: { href?: string }; text?: string }[];
    expect(points[0]?.custom?.href).toBe('/actions/7');
    expect(points[0]?.text).toContain('click for its timeline');
    expect(points[1]?.custom).toBeUndefined();
    const click = flags?.point?.events?.click as unknown as (this: {
      options: { custom?: { href?: string } };
    }) => void;
    for (const point of points) click.call({ options: point });
    expect(opened).toEqual(['/actions/7']);
    setAppNavigator(null);
  });
});

describe('annotationFlags and ranges', () => {
  it('flags instants only: alert episodes and changes with an end are bands, not flags', () => {
    const flags = annotationFlags(
      [
        { ts: 10, endTs: 40, kind: 'alert', title: 'HighErrorRate', eventId: null },
        { ts: 20, endTs: null, open: true, kind: 'alert', title: 'Still firing', eventId: null },
        { ts: 30, kind: 'flag', source: 'change', title: 'new-checkout on', eventId: null },
      ],
      { from: 0, to: 100 },
      'rate',
    );
    expect(flags?.data).toMatchObject([{ x: 30, title: 'Flag', text: 'Flag: new-checkout on' }]);
    expect(
      annotationFlags(
        [{ ts: 10, endTs: 40, kind: 'alert', title: 'a', eventId: null }],
        {
          from: 0,
          to: 100,
        },
        'rate',
      ),
    ).toBeNull();
  });

  it('gives each change type its own word on the flag', () => {
    const kinds = ['deploy', 'config', 'flag', 'infra', 'other'] as const;
    const flags = annotationFlags(
      kinds.map((kind, i) => ({ ts: i + 1, kind, title: kind, eventId: null })),
      { from: 0, to: 100 },
      'rate',
    );
    expect(flags?.data?.map((p) => (p as { title?: string }).title)).toEqual([
      'Deploy',
      'Config',
      'Flag',
      'Infra',
      'Change',
    ]);
  });

  it("opens a change's url in a new tab from its flag", () => {
    const opened: unknown[][] = [];
    const original = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      const flags = annotationFlags(
        [
          {
            ts: 10,
            kind: 'deploy',
            source: 'change',
            title: 'checkout v2.4.1',
            eventId: null,
            url: 'https://ci.example/deploys/981',
          },
        ],
        { from: 0, to: 100 },
        'rate',
      );
      const point = (flags?.data ?? [])[0] as { custom?: unknown; text?: string };
      expect(point.text).toBe('Deploy: checkout v2.4.1 — click to open it in a new tab');
      expect(flags?.cursor).toBe('pointer');
      const click = flags?.point?.events?.click as unknown as (this: {
        options: { custom?: unknown };
      }) => void;
      click.call({ options: point });
      expect(opened).toEqual([['https://ci.example/deploys/981', '_blank', 'noopener,noreferrer']]);
    } finally {
      window.open = original;
    }
  });
});
