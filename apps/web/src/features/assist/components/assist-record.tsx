import { ErrorMessage } from '../../../components/error-message.tsx';
import { PanelErrorBoundary } from '../../../components/panel-error-boundary.tsx';
import { useAssistAnswer } from '../api/get-assist-answer.ts';
import { AssistAnswerView } from './assist-answer-view.tsx';

const TITLE = 'What the proposer was shown';

/**
 * The stored "Why?" answer a proposal cites, for the approver: exactly as the proposer saw it,
 * with no "Propose…" of its own.
 */
export function AssistRecord({ assistId }: { assistId: string }) {
  const answer = useAssistAnswer(assistId);
  return (
    <section aria-label={TITLE} className="assist-record">
      <h3>{TITLE}</h3>
      {answer.error && <ErrorMessage error={answer.error} what={`The "Why?" answer ${assistId}`} />}
      {answer.isPending && <p className="loading">Loading the &quot;Why?&quot; answer…</p>}
      <PanelErrorBoundary title={TITLE}>
        {answer.data && <AssistAnswerView answer={answer.data} />}
      </PanelErrorBoundary>
    </section>
  );
}
