import { useState, type ReactNode } from 'react';
import { Panel } from '../../../components/panel.tsx';
import { describeWindow, resolveWindow } from '../../../lib/time-window.ts';
import type { DrillView } from '../../../lib/url-state.ts';
import { useWhy, type WhyRequest } from '../api/get-why.ts';
import { describeSpan } from './answer-words.ts';
import { AssistAnswerView } from './assist-answer-view.tsx';
import type { FindingProposal } from './proposal-prefill.ts';

interface Props {
  scope: { kind: 'segment' | 'entity'; id: string };
  view: DrillView;
  renderPropose?: (proposal: FindingProposal) => ReactNode;
  /** The clock a press reads; tests fix it. */
  now?: () => number;
}

interface Asked {
  request: WhyRequest;
  /** Whether the range was brushed on the chart (narrower than the page's window) rather than the page's window. */
  brushed: boolean;
}

/**
 * "Why?": deterministic triage suggestions for this page's window, or for the range brushed on
 * the main chart. It asks only when pressed: every answer is computed and stored by the server.
 */
export function WhyPanel({ scope, view, renderPropose, now = Date.now }: Props) {
  const [asked, setAsked] = useState<Asked | null>(null);
  const why = useWhy(asked?.request ?? null);
  // A zoom keeps the outer window as `nav`: the page window is then the brushed range.
  const brushed = view.nav !== undefined;

  const ask = () => {
    const bounds = resolveWindow(view.window, now());
    const second = 1_000;
    const from = Math.floor(bounds.from / second) * second;
    const to = Math.floor(bounds.to / second) * second;
    setAsked({ request: { scope: scope.kind, id: scope.id, from, to }, brushed });
  };

  return (
    <Panel
      title="Why? Triage suggestions"
      className="assist-panel"
      error={why.error}
      actions={
        <button
          type="button"
          className="button"
          onClick={ask}
          disabled={asked !== null && why.isFetching}
        >
          Why?
        </button>
      }
    >
      {asked === null ? (
        <p className="panel__hint">
          Press &quot;Why?&quot; for suggestions about{' '}
          {brushed ? 'the range brushed on the chart' : "this page's window"} (
          {describeWindow(view.window)}): which entities and error classes carry the excess, what
          changed just before, and similar past incidents.
        </p>
      ) : (
        <p data-testid="assist-range">
          For {asked.brushed ? 'the range brushed on the chart' : "this page's window"}:{' '}
          {describeSpan(asked.request)}.
        </p>
      )}
      {asked !== null && why.isFetching && <p className="loading">Looking for why…</p>}
      {why.data && !why.isFetching && (
        <AssistAnswerView answer={why.data} renderPropose={renderPropose} />
      )}
    </Panel>
  );
}
