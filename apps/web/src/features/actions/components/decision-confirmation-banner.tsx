import { Link } from 'react-router';
import { paths } from '../../../lib/paths.ts';
import { decisionConfirmations, useDecisionConfirmation } from './decision-confirmation.ts';

const BANNER_STYLE = {
  margin: '0.5rem 1rem 0',
  padding: '0.5rem 0.75rem',
  borderRadius: '6px',
  display: 'flex',
  gap: '1rem',
  alignItems: 'center',
} as const;

/**
 * The confirmation of the user's last decision, until dismissed. The status region is always in
 * the page so screen readers announce each new confirmation as it appears.
 */
export function DecisionConfirmationBanner() {
  const confirmation = useDecisionConfirmation();
  return (
    <div role="status" aria-live="polite" data-testid="decision-confirmation">
      {confirmation && (
        <p
          style={{
            ...BANNER_STYLE,
            background: confirmation.failed ? 'var(--bad-soft)' : 'var(--accent-soft)',
          }}
        >
          <span>{confirmation.text}.</span>
          <Link to={paths.action(confirmation.actionId)}>Timeline of #{confirmation.actionId}</Link>
          <button type="button" className="button" onClick={decisionConfirmations.dismiss}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
