import type { PreconditionResult } from '@watchfloor/shared/actions/api';

/** Shortest reason the server takes for proceeding through a freeze. */
export const OVERRIDE_REASON_MIN_LENGTH = 10;

interface Props {
  /** The dry run's checks: the field appears while a change freeze refuses the proposal. */
  results: readonly PreconditionResult[] | undefined;
  reason: string | null;
  onChange: (reason: string | null) => void;
}

/**
 * An admin's way through a change freeze: a stated reason, kept with the action and audited.
 * Shown only to those who may override, and only while a freeze stands in the way (or once chosen).
 */
export function FreezeOverrideField({ results, reason, onChange }: Props) {
  const frozen = results?.some((r) => r.code === 'change_freeze' && !r.passed) ?? false;
  if (!frozen && reason === null) return null;
  return (
    <fieldset className="freeze-override">
      <legend>Change freeze</legend>
      <label>
        <input
          type="checkbox"
          checked={reason !== null}
          onChange={(e) => onChange(e.target.checked ? '' : null)}
        />{' '}
        Override the freeze as an admin (audited)
      </label>
      {reason !== null && (
        <label>
          Why the freeze does not apply (at least {OVERRIDE_REASON_MIN_LENGTH} characters)
          <textarea
            value={reason}
            onChange={(e) => onChange(e.target.value)}
            rows={2}
            minLength={OVERRIDE_REASON_MIN_LENGTH}
            required
          />
        </label>
      )}
    </fieldset>
  );
}

/** The request's override, once its reason is long enough to send. */
export function overrideOf(reason: string | null): { reason: string } | undefined {
  const trimmed = reason?.trim() ?? '';
  return trimmed.length >= OVERRIDE_REASON_MIN_LENGTH ? { reason: trimmed } : undefined;
}
