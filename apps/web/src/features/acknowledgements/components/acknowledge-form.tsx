import { useId, useState, type FormEvent } from 'react';
import {
  ACKNOWLEDGEMENT_COMMENT_MAX,
  type AcknowledgementScope,
} from '@watchfloor/shared/acknowledgements';
import { GuardedButton } from '../../../components/guarded-button.tsx';
import { useAcknowledge } from '../api/acknowledge.ts';

/** What an acknowledgement says when nothing is typed: the usual on-call answer. */
export const DEFAULT_COMMENT = "I'm on it";

/**
 * The small form behind "Acknowledge": one comment, sent as typed (or the default when left
 * empty). A refusal — the incident is already over (409), the role may not (403) — is shown in
 * the server's words and the form stays open.
 */
export function AcknowledgeForm({
  scope,
  onDone,
}: {
  scope: AcknowledgementScope;
  onDone: () => void;
}) {
  const [comment, setComment] = useState('');
  const commentId = useId();
  const acknowledge = useAcknowledge();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (acknowledge.isPending) return;
    acknowledge.mutate(
      { scope, comment: comment.trim() || DEFAULT_COMMENT },
      { onSuccess: onDone },
    );
  };
  return (
    <form
      className="decision acknowledge-form"
      aria-label={`Acknowledge ${scope.slug}`}
      onSubmit={submit}
    >
      <label htmlFor={commentId}>Comment (everyone sees it; kept in the audit trail)</label>
      <textarea
        id={commentId}
        rows={2}
        maxLength={ACKNOWLEDGEMENT_COMMENT_MAX}
        placeholder={DEFAULT_COMMENT}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="decision__buttons">
        <GuardedButton
          type="submit"
          label="Acknowledge incident"
          primary
          reason={null}
          busy={acknowledge.isPending}
          busyLabel="Acknowledging…"
          testId="acknowledge"
        />
        <button type="button" className="button button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
      {acknowledge.error && (
        <div role="alert" className="panel-error">
          <strong>The acknowledgement was refused.</strong> {acknowledge.error.message}
        </div>
      )}
    </form>
  );
}
