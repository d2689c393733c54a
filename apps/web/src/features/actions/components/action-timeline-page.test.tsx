import type { ActionDetail } from '@watchfloor/shared/actions/detail';
import type { AuditRecord } from '@watchfloor/shared/actions/audit';
import { act } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { relative } from '../../../lib/time-window.ts';
import { abilitiesFixture, actionFixture, transitionBody } from '../testing/action-fixtures.ts';
import { render } from '../../../testing/render.tsx';
import { ActionTimelinePage } from './action-timeline-page.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const audit = (seq: number, actor: string, event: string, payload: unknown): AuditRecord => ({
  seq,
  at: Date.UTC(2026, 11, 5, 10, seq),
  actor,
  event,
  subject: 'action:7',
  actionId: 7,
  payload,
  prevHash: 'p',
  hash: 'h',
});

function detail(over: Partial<ActionDetail>): ActionDetail {
  return {
    action: actionFixture({
      evidence: {
        viewUrl: '/segments/checkout-eu/entities/checkout-eu-3?range=6h',
        window: { from: Date.UTC(2026, 11, 5, 4), to: Date.UTC(2026, 11, 5, 10) },
        figures: { p95Ms: 840, errorRatio: 0.12 },
        watermark: null,
        quality: { state: 'ok' },
      },
    }),
    approvals: [],
    evaluations: [],
    timeline: [],
    preconditions: [],
    blastRadius: {
      measure: 'entities drained',
      entities: 1,
      outOfService: 1,
      segment: 'checkout-eu',
      segmentEntities: 8,
      segmentOutOfServiceBefore: 0,
      segmentOutOfServiceAfter: 1,
      segmentRatioAfter: 0.125,
      caps: { maxEntitiesPerAction: 10, maxSegmentOutOfServiceRatio: 0.25 },
    },
    currentPolicyVersion: 'abcdef0123456789',
    approvalsSoFar: 0,
    approvalsRequired: 1,
    expiresInMs: 27 * 60_000 + 30_000,
    abilities: abilitiesFixture(),
    ...over,
  };
}

async function renderTimeline(answer: ActionDetail): Promise<HTMLElement> {
  vi.stubGlobal('fetch', async (url: string) =>
    url === '/api/v1/actions/7'
      ? Response.json({ ...transitionBody(answer.action), data: answer })
      : new Promise<Response>(() => undefined),
  );
  const { container } = await render(
    <MemoryRouter>
      <ActionTimelinePage actionId={7} view={{ window: relative('6h'), filters: {} }} />
    </MemoryRouter>,
  );
  for (let turn = 0; turn < 3; turn++)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
  return container;
}

describe('ActionTimelinePage', () => {
  it('shows the comment of each decision on the timeline, the last approval once', async () => {
    const page = await renderTimeline(
      detail({
        action: actionFixture({ state: 'executed' }),
        expiresInMs: null,
        timeline: [
          audit(1, 'operator', 'action.proposed', { to: 'proposed' }),
          audit(2, 'approver', 'action.approval_recorded', { comment: 'Evidence holds.' }),
          audit(3, 'approver', 'action.approved', { comment: 'Evidence holds.' }),
          audit(4, 'system', 'action.executed', {}),
        ],
      }),
    );
    const timeline = page.querySelector('ol[aria-label="Timeline of action 7"]');
    expect(timeline?.querySelectorAll('li')).toHaveLength(4);
    const comments = [...(timeline?.querySelectorAll('blockquote') ?? [])];
    expect(comments.map((c) => [c.getAttribute('aria-label'), c.textContent])).toEqual([
      ['Comment by approver', 'Evidence holds.'],
    ]);
    expect(page.querySelector('[data-testid="expires-in"]')).toBeNull();
  });

  it("says when a pending action expires and links the evidence at the proposer's window", async () => {
    const page = await renderTimeline(detail({}));
    expect(page.querySelector('[data-testid="expires-in"]')?.textContent).toBe('expires in 27 min');
    expect(page.querySelector('[data-testid="evidence-link"]')?.getAttribute('href')).toBe(
      '/segments/checkout-eu/entities/checkout-eu-3?from=2026-12-05T04%3A00%3A00Z&to=2026-12-05T10%3A00%3A00Z',
    );
    const figures = page.querySelector('table.figure-comparison');
    const rows = [...(figures?.querySelectorAll('tbody tr') ?? [])].map((row) =>
      [...row.querySelectorAll('th, td')].slice(0, 2).map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['Latency p95', '840 ms'],
      ['Error ratio', '12 %'],
    ]);
  });
});
