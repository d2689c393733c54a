import { useState } from 'react';
import type { ActionTargetRef } from '@watchfloor/shared/actions/api';
import type { ProposalPrefill } from './action-draft.ts';
import { ProposeActionForm } from './propose-action-form.tsx';

interface Props {
  target: ActionTargetRef;
  entityKind: string | null;
  viewUrl: string;
  /** The page's window as the API takes it; fixed when the form opens, so the evidence does not slide. */
  requestWindow: () => { from: number; to?: number };
  /** A "Why?" suggestion to start from; its window replaces the page's. */
  prefill?: ProposalPrefill;
  label?: string;
  /** The user may proceed through a change freeze with a reason (admins). */
  mayOverrideFreeze?: boolean;
}

/** "Propose action": opens the proposal form for this page's target. */
export function ProposeActionButton({
  target,
  entityKind,
  viewUrl,
  requestWindow,
  prefill,
  label = 'Propose action',
  mayOverrideFreeze,
}: Props) {
  const [openWindow, setOpenWindow] = useState<{ from: number; to?: number } | null>(null);
  return (
    <div className="propose-action">
      {openWindow === null ? (
        <button
          type="button"
          className="button button--primary"
          onClick={() => setOpenWindow(prefill?.window ?? requestWindow())}
        >
          {label}
        </button>
      ) : (
        <ProposeActionForm
          target={target}
          entityKind={entityKind}
          viewUrl={viewUrl}
          window={openWindow}
          prefill={prefill}
          mayOverrideFreeze={mayOverrideFreeze}
          onClose={() => setOpenWindow(null)}
        />
      )}
    </div>
  );
}
