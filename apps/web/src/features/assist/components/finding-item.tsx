import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AssistFinding } from '@watchfloor/shared/assist';
import { describeEvidence } from './answer-words.ts';

const CHECK_NAMES: Record<AssistFinding['check'], string> = {
  contribution: 'Contribution',
  peer_outliers: 'Peer outliers',
  what_changed: 'What changed',
  onset: 'Onset',
  systemic: 'Systemic',
};

interface Props {
  finding: AssistFinding;
  /** The answer's window: evidence read over another window (a baseline) says which. */
  answerWindow: { from: number; to: number };
  /** The "Propose…" entry, when the finding suggests an action and the user may propose. */
  propose?: ReactNode;
}

/** One finding in plain words, with every number linked to the drill-down it was read from. */
export function FindingItem({ finding, answerWindow, propose }: Props) {
  return (
    <li className="assist-finding" data-check={finding.check}>
      <p>
        <span className="muted">{CHECK_NAMES[finding.check]}:</span>{' '}
        <strong>{finding.title}</strong>
      </p>
      <p>{finding.message}</p>
      {finding.evidence.length > 0 && (
        <ul aria-label={`Evidence: ${finding.title}`}>
          {finding.evidence.map((evidence, index) => {
            const { figure, source } = describeEvidence(evidence, answerWindow);
            return (
              <li key={index}>
                <Link to={evidence.link}>{figure}</Link> <span className="muted">({source})</span>
              </li>
            );
          })}
        </ul>
      )}
      {propose}
    </li>
  );
}
