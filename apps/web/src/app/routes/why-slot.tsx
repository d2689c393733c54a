import { useLocation } from 'react-router';
import { can } from '@watchfloor/shared/permissions';
import { ProposeActionButton } from '../../features/actions/components/propose-action-button.tsx';
import { WhyPanel } from '../../features/assist/components/why-panel.tsx';
import type { FindingProposal } from '../../features/assist/components/proposal-prefill.ts';
import { useMe } from '../../features/auth/api/get-me.ts';
import type { DrillView } from '../../lib/url-state.ts';

/**
 * The "Why?" panel of a segment or entity page. A finding's "Propose…" opens the ordinary proposal
 * form pre-filled, for roles that may propose (the BFF refuses others anyway); a human submits it.
 */
export function WhySlot({
  scope,
  view,
  pageEntityKind,
}: {
  scope: { kind: 'segment' | 'entity'; id: string };
  view: DrillView;
  /** The entity kind of the page's own entity, when the page is an entity's. */
  pageEntityKind: string | null;
}) {
  const me = useMe();
  const location = useLocation();
  const mayPropose = me.data !== undefined && can(me.data.roles, 'actions.propose');
  const renderPropose = ({ target, prefill }: FindingProposal) => (
    <ProposeActionButton
      target={target}
      // Another entity than the page's: its kind is unknown here, so every entity action is offered.
      entityKind={scope.kind === 'entity' && target.id === scope.id ? pageEntityKind : null}
      viewUrl={`${location.pathname}${location.search}`}
      requestWindow={() => prefill.window}
      prefill={prefill}
      label="Propose…"
    />
  );
  return (
    <WhyPanel scope={scope} view={view} renderPropose={mayPropose ? renderPropose : undefined} />
  );
}
