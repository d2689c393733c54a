import { useLocation } from 'react-router';
import type { ActionTargetRef } from '@watchfloor/shared/actions/api';
import { useMe } from '../../features/auth/api/get-me.ts';
import { ProposeActionButton } from '../../features/actions/components/propose-action-button.tsx';
import { windowRequest, type ViewWindow } from '../../lib/time-window.ts';

/** Roles that may propose actions; managers watch but do not act (the BFF refuses them anyway). */
const PROPOSERS = new Set(['operator', 'approver', 'admin']);

/** The "Propose action" entry of an entity or segment page, with this page's address as the evidence view. */
export function ProposeActionSlot({
  target,
  entityKind,
  window,
}: {
  target: ActionTargetRef;
  entityKind: string | null;
  window: ViewWindow;
}) {
  const me = useMe();
  const location = useLocation();
  if (!me.data || !me.data.roles.some((role) => PROPOSERS.has(role))) return null;
  return (
    <ProposeActionButton
      target={target}
      entityKind={entityKind}
      viewUrl={`${location.pathname}${location.search}`}
      requestWindow={() => windowRequest(window)}
    />
  );
}
