import { useId } from 'react';
import type { Ability } from '@watchfloor/shared/actions/detail';

/** Why the signed-in user may not use an ability, or null when they may. */
export function reasonOf(ability: Ability | undefined): string | null {
  if (!ability) return 'not offered for this action';
  return ability.allowed ? null : ability.reasons.join('; ') || 'not allowed';
}

interface Props {
  label: string;
  ability: Ability | undefined;
  /** Another request of the same form is under way. */
  busy: boolean;
  /** Disabled for a reason the form shows itself (e.g. a required comment is empty). */
  incomplete?: boolean;
  primary?: boolean;
  /** Names the reason for tests: `<testId>-reason`. */
  testId: string;
  onClick: () => void;
}

/**
 * A button for one ability of the user on an action. When the BFF says the user may not, it is
 * disabled and says why beside it (like Grafana's abilities): the UI explains, the BFF decides.
 */
export function GuardedButton({
  label,
  ability,
  busy,
  incomplete = false,
  primary = false,
  testId,
  onClick,
}: Props) {
  const reasonId = useId();
  const reason = reasonOf(ability);
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button--primary' : 'button'}
        disabled={reason !== null || busy || incomplete}
        aria-describedby={reason ? reasonId : undefined}
        onClick={onClick}
      >
        {label}
      </button>
      {reason && (
        <span id={reasonId} className="muted" data-testid={`${testId}-reason`}>
          {label} unavailable: {reason}
        </span>
      )}
    </>
  );
}
