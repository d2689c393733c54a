import type { AssistAnswer } from '@watchfloor/shared/assist';

/** A refusal: the data behind the window cannot be trusted, so no suggestion is made, and here is why. */
export function RefusedAnswer({ refusal }: { refusal: AssistAnswer['refusal'] }) {
  const state = refusal?.quality.state === 'degraded' ? 'degraded' : 'unsafe';
  return (
    <div role="alert" className="quality-banner" data-testid="assist-refusal">
      <strong>Data {state} — no suggestions.</strong> {refusal?.message}
      {refusal && refusal.quality.reasons.length > 0 && (
        <ul aria-label="Data quality reasons" className="quality-banner__reasons">
          {refusal.quality.reasons.map((reason, index) => (
            <li key={index}>
              {reason.message} <span className="muted">({reason.code})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
