import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EvidenceAlerts } from './evidence-alerts.tsx';

const render = (html: string) => {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container;
};

describe('EvidenceAlerts', () => {
  it('lists the alerts firing at proposal with a link to each source', () => {
    const section = render(
      renderToStaticMarkup(
        <EvidenceAlerts
          alerts={[
            {
              ts: Date.UTC(2025, 0, 1, 12, 5),
              endTs: null,
              open: true,
              kind: 'alert',
              source: 'alert',
              title: 'HighErrorRate',
              eventId: null,
              alertEpisodeId: 4,
              url: 'http://prometheus.example:9090/graph',
              severity: 'critical',
              segment: 'checkout',
              entity: 'checkout-1',
            },
          ]}
        />,
      ),
    );
    expect(section.querySelector('h3')?.textContent).toBe('Alerts at proposal');
    const item = section.querySelector('li');
    expect(item?.textContent).toContain('HighErrorRate (critical) on entity checkout-1');
    expect(item?.textContent).toContain('firing');
    const link = item?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('http://prometheus.example:9090/graph');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('says none was firing when the evidence holds an empty list, and shows nothing for older actions', () => {
    expect(renderToStaticMarkup(<EvidenceAlerts alerts={[]} />)).toContain(
      'No alert was firing on the target.',
    );
    expect(renderToStaticMarkup(<EvidenceAlerts alerts={undefined} />)).toBe('');
  });
});
