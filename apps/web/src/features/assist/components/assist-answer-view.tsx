import type { ReactNode } from 'react';
import type { AssistAnswer } from '@watchfloor/shared/assist';
import { describeComparison, splitFindings, suggestionLabel } from './answer-words.ts';
import { FindingItem } from './finding-item.tsx';
import { toFindingProposal, type FindingProposal } from './proposal-prefill.ts';
import { RefusedAnswer } from './refused-answer.tsx';
import { SimilarIncidents } from './similar-incidents.tsx';

interface Props {
  answer: AssistAnswer;
  /** Renders "Propose…" for a finding's suggestion; absent for roles that may not propose, and for the approver. */
  renderPropose?: (proposal: FindingProposal) => ReactNode;
}

/**
 * One stored answer as the user is shown it: labelled as suggestions with its rules version, the
 * windows compared, then the findings (interesting first, the rest collapsed) and past incidents.
 */
export function AssistAnswerView({ answer, renderPropose }: Props) {
  const { interesting, unremarkable } = splitFindings(answer.findings);
  const proposeFor = (finding: AssistAnswer['findings'][number]) => {
    const proposal = renderPropose && toFindingProposal(finding, answer);
    return proposal ? renderPropose(proposal) : undefined;
  };
  return (
    <div className="assist-answer" data-assist-id={answer.id} data-status={answer.status}>
      <p className="panel__hint" data-testid="assist-label">
        {suggestionLabel(answer.rulesVersion)}
      </p>
      <p>
        {describeComparison(answer)} <span className="muted">Answer {answer.id}.</span>
      </p>
      {answer.status === 'refused' ? (
        <RefusedAnswer refusal={answer.refusal} />
      ) : (
        <>
          {interesting.length > 0 ? (
            <ol aria-label="Findings">
              {interesting.map((finding, index) => (
                <FindingItem
                  key={index}
                  finding={finding}
                  answerWindow={answer.window}
                  propose={proposeFor(finding)}
                />
              ))}
            </ol>
          ) : (
            <p>No check found anything notable in this window.</p>
          )}
          {unremarkable.length > 0 && (
            <details>
              <summary>Checked, nothing notable ({unremarkable.length})</summary>
              <ul aria-label="Checked, nothing notable">
                {unremarkable.map((finding, index) => (
                  <FindingItem key={index} finding={finding} answerWindow={answer.window} />
                ))}
              </ul>
            </details>
          )}
          <SimilarIncidents novelty={answer.novelty} similar={answer.similar} />
        </>
      )}
    </div>
  );
}
