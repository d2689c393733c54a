import { useLocation } from 'react-router';
import type { ActionTargetRef } from '@watchfloor/shared/actions/api';
import { can } from '@watchfloor/shared/permissions';
import { useMe } from '../../features/auth/api/get-me.ts';
import { ProposeActionButton } from '../../features/actions/components/propose-action-button.tsx';
import { windowRequest, type ViewWindow } from '../../lib/time-window.ts';
import './propose-action-slot.css';

/**
 * The "Propose action" entry of an entity or segment page, with this page's address as the
 * evidence view. Offered only once the page shows its target: while it loads, when it failed or
 * when there is no such target, there is nothing on screen to act on or to attach as evidence.
 */
export function ProposeActionSlot({
  target,
  entityKind,
  window,
  targetShown,
}: {
  target: ActionTargetRef;
  entityKind: string | null;
  window: ViewWindow;
  /** The page has the target's answer on screen (the level query has data). */
  targetShown: boolean;
}) {
  const me = useMe();
  const location = useLocation();
  // Managers watch but do not act; the BFF refuses them anyway.
  if (me.data && !can(me.data.roles, 'actions.propose')) return null;
  // The row keeps its height while the page and the user's roles load, so the button arriving
  // does not push the page down under the reader's eyes (or mouse).
  return (
    <div className="propose-action-slot">
      {targetShown && me.data && (
        <ProposeActionButton
          target={target}
          entityKind={entityKind}
          viewUrl={`${location.pathname}${location.search}`}
          requestWindow={() => windowRequest(window)}
          mayOverrideFreeze={can(me.data.roles, 'actions.override_freeze')}
        />
      )}
    </div>
  );
}
