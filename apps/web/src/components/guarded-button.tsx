import { useId } from 'react';
import type { Ability } from '@watchfloor/shared/actions/detail';
import './guarded-button.css';

/** Why the signed-in user may not use an ability, or null when they may. */
export function reasonOf(ability: Ability | undefined): string | null {
  if (!ability) return 'not offered for this action';
  return ability.allowed ? null : ability.reasons.join('; ') || 'not allowed';
}

/** The first reason that holds: who may (the BFF's word) before what the form still lacks. */
export const firstReason = (...reasons: (string | null | false | undefined)[]): string | null =>
  reasons.find((reason): reason is string => typeof reason === 'string' && reason !== '') ?? null;

interface Props {
  label: string;
  /** Why it cannot be pressed now, in words the user can act on; null when it can. */
  reason: string | null;
  /** This form's request is under way: disabled, and the label says so. */
  busy?: boolean;
  busyLabel?: string;
  primary?: boolean;
  /** A form's submit button; the form's own submit handler must check the same guard. */
  type?: 'button' | 'submit';
  /** Names the reason for tests: `<testId>-reason`. */
  testId: string;
  onClick?: () => void;
}

/**
 * The one button for anything guarded: when it may not be pressed it looks disabled and says why
 * beside it, tied to it by aria-describedby (like Grafana's abilities): a control that does
 * nothing without saying why is the bug this exists to prevent. The UI explains, the BFF decides.
 */
export function GuardedButton({
  label,
  reason,
  busy = false,
  busyLabel,
  primary = false,
  type = 'button',
  testId,
  onClick,
}: Props) {
  const reasonId = useId();
  return (
    <>
      <button
        type={type}
        className={`button guarded-button${primary ? ' button--primary' : ''}`}
        disabled={reason !== null || busy}
        aria-busy={busy || undefined}
        aria-describedby={reason ? reasonId : undefined}
        onClick={onClick}
      >
        {busy && busyLabel ? busyLabel : label}
      </button>
      {reason && (
        <span id={reasonId} className="guarded-button__reason" data-testid={`${testId}-reason`}>
          {label} unavailable: {reason}
        </span>
      )}
    </>
  );
}
