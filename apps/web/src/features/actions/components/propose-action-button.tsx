import { useState } from 'react';
import type { ActionTargetRef } from '@watchfloor/shared/actions/api';
import { ProposeActionForm } from './propose-action-form.tsx';

interface Props {
  target: ActionTargetRef;
  entityKind: string | null;
  viewUrl: string;
  /** The page's window as the API takes it; fixed when the form opens, so the evidence does not slide. */
  requestWindow: () => { from: number; to?: number };
}

/** "Propose action": opens the proposal form for this page's target. */
export function ProposeActionButton({ target, entityKind, viewUrl, requestWindow }: Props) {
  const [openWindow, setOpenWindow] = useState<{ from: number; to?: number } | null>(null);
  return (
    <div className="propose-action">
      {openWindow === null ? (
        <button
          type="button"
          className="button button--primary"
          onClick={() => setOpenWindow(requestWindow())}
        >
          Propose action
        </button>
      ) : (
        <ProposeActionForm
          target={target}
          entityKind={entityKind}
          viewUrl={viewUrl}
          window={openWindow}
          onClose={() => setOpenWindow(null)}
        />
      )}
    </div>
  );
}
