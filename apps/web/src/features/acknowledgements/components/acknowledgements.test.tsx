import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Acknowledgement } from '@watchfloor/shared/acknowledgements';
import { can } from '@watchfloor/shared/permissions';
import { acknowledgementFixture, listResponse, NOW } from '../testing/acknowledgement-fixtures.ts';
import { click, render, type } from '../../../testing/render.tsx';
import { AcknowledgementNote } from './acknowledgement-note.tsx';
import { acknowledgementText } from './acknowledgement-text.ts';
import { ScopeAcknowledgements } from './scope-acknowledgements.tsx';

const onCheckout = acknowledgementFixture();
const onPayments = acknowledgementFixture({
  id: 2,
  scope: { kind: 'segment', slug: 'payments-us', segment: 'payments-us' },
  comment: 'Failing over',
});
const onApi03 = acknowledgementFixture({
  id: 3,
  scope: { kind: 'entity', slug: 'checkout-eu-api-03', segment: 'checkout-eu' },
  comment: 'Restarting it',
  by: { username: 'grace', displayName: '' },
  acknowledgedAt: NOW - 12 * 60_000,
});

interface Posted {
  scope: { kind: string; slug: string };
  comment: string;
}

/** A BFF that lists `list` and answers each POST with `answer` (adding a 201's acknowledgement). */
function bff(list: Acknowledgement[], answer: (body: Posted) => Response) {
  const posted: Posted[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as Posted;
      posted.push(body);
      return answer(body);
    }
    expect(new URL(url, 'http://x').searchParams.get('active')).toBe('1');
    return new Response(JSON.stringify(listResponse(list)), { status: 200 });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, posted };
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const lines = (container: HTMLElement) =>
  [...container.querySelectorAll('li.acknowledgement')].map((li) => li.textContent);
const buttons = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].map((b) => b.textContent);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('acknowledgement text', () => {
  it('names who, what and how long ago, with the username when there is no display name', () => {
    expect(acknowledgementText(onCheckout, NOW)).toBe(
      "Acknowledged by Ada Lovelace: I'm on it · 4 min ago",
    );
    expect(acknowledgementText(onApi03, NOW)).toBe(
      'Acknowledged by grace: Restarting it · 12 min ago',
    );
    expect(acknowledgementText({ ...onCheckout, acknowledgedAt: NOW + 2_000 }, NOW)).toBe(
      "Acknowledged by Ada Lovelace: I'm on it · just now",
    );
  });
});

describe('overview row note', () => {
  it("shows the segment's own acknowledgements only, from the shared list", async () => {
    const { fetch } = bff([onCheckout, onPayments, onApi03], () => new Response(null));
    const { container } = await render(
      <>
        <AcknowledgementNote scope={{ kind: 'segment', slug: 'checkout-eu' }} now={() => NOW} />
        <AcknowledgementNote scope={{ kind: 'segment', slug: 'orders-eu' }} now={() => NOW} />
      </>,
    );
    await settle();
    expect(lines(container)).toEqual(["Acknowledged by Ada Lovelace: I'm on it · 4 min ago"]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('segment and entity pages', () => {
  it('show the acknowledgement and offer "Acknowledge" to an operator', async () => {
    bff([onCheckout, onApi03], () => new Response(null));
    const { container } = await render(
      <ScopeAcknowledgements
        scope={{ kind: 'entity', slug: 'checkout-eu-api-03' }}
        mayAcknowledge={can(['operator'], 'incidents.acknowledge')}
        now={() => NOW}
      />,
    );
    await settle();
    expect(lines(container)).toEqual(['Acknowledged by grace: Restarting it · 12 min ago']);
    expect(buttons(container)).toEqual(['Acknowledge']);
  });

  it('show the acknowledgement to a manager without the button', async () => {
    bff([onCheckout], () => new Response(null));
    const { container } = await render(
      <ScopeAcknowledgements
        scope={{ kind: 'segment', slug: 'checkout-eu' }}
        mayAcknowledge={can(['manager'], 'incidents.acknowledge')}
        now={() => NOW}
      />,
    );
    await settle();
    expect(lines(container)).toEqual(["Acknowledged by Ada Lovelace: I'm on it · 4 min ago"]);
    expect(buttons(container)).toEqual([]);
  });

  it('sends the comment, closes the form and shows the new acknowledgement', async () => {
    const list: Acknowledgement[] = [];
    const { posted } = bff(list, (body) => {
      const ack = acknowledgementFixture({
        id: 9,
        comment: body.comment,
        by: { username: 'operator', displayName: 'Olive Operator' },
        acknowledgedAt: NOW,
      });
      list.push(ack);
      return new Response(JSON.stringify({ ...listResponse([]), data: ack }), { status: 201 });
    });
    const { container } = await render(
      <ScopeAcknowledgements
        scope={{ kind: 'segment', slug: 'checkout-eu' }}
        mayAcknowledge
        now={() => NOW}
      />,
    );
    await settle();
    expect(lines(container)).toEqual([]);
    await click(container, 'Acknowledge');
    expect(container.querySelector('textarea')?.placeholder).toBe("I'm on it");
    await type(container, /Comment/, 'Rolling back 4.2.1');
    await click(container, 'Acknowledge incident');
    await settle();
    expect(posted).toEqual([
      { scope: { kind: 'segment', slug: 'checkout-eu' }, comment: 'Rolling back 4.2.1' },
    ]);
    expect(lines(container)).toEqual([
      'Acknowledged by Olive Operator: Rolling back 4.2.1 · just now',
    ]);
    expect(container.querySelector('form')).toBeNull();
  });

  it('sends "I\'m on it" when nothing is typed', async () => {
    const { posted } = bff([], () => new Response(null, { status: 500 }));
    const { container } = await render(
      <ScopeAcknowledgements scope={{ kind: 'segment', slug: 'checkout-eu' }} mayAcknowledge />,
    );
    await settle();
    await click(container, 'Acknowledge');
    await click(container, 'Acknowledge incident');
    expect(posted.map((p) => p.comment)).toEqual(["I'm on it"]);
  });

  it("shows the server's refusal and keeps the form open", async () => {
    bff([], () =>
      Response.json(
        {
          error: {
            code: 'conflict',
            message: 'Nothing to acknowledge: checkout-eu is OK',
            requestId: 'req-1',
          },
        },
        { status: 409 },
      ),
    );
    const { container } = await render(
      <ScopeAcknowledgements scope={{ kind: 'segment', slug: 'checkout-eu' }} mayAcknowledge />,
    );
    await settle();
    await click(container, 'Acknowledge');
    await click(container, 'Acknowledge incident');
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'The acknowledgement was refused. Nothing to acknowledge: checkout-eu is OK',
    );
    expect(container.querySelector('form')).not.toBeNull();
  });
});
