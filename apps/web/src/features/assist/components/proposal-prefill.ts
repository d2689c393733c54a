import type { AssistAnswer, AssistFinding, AssistProposal } from '@watchfloor/shared/assist';

/**
 * What "Propose…" on a finding hands to the proposal form: the finding's suggestion, the answer's
 * id for the evidence and the answer's window. Nothing is sent: a human reads and submits the form.
 */
export interface FindingProposal {
  target: AssistProposal['target'];
  prefill: {
    type: AssistProposal['type'];
    rationale: string;
    assistId: string;
    window: { from: number; to: number };
  };
}

export function toFindingProposal(
  finding: AssistFinding,
  answer: Pick<AssistAnswer, 'id' | 'window' | 'status'>,
): FindingProposal | null {
  // A refused answer offers nothing to act on, even if a stored finding carried a suggestion.
  if (!finding.propose || answer.status !== 'ok') return null;
  return {
    target: finding.propose.target,
    prefill: {
      type: finding.propose.type,
      rationale: finding.propose.rationale,
      assistId: answer.id,
      window: answer.window,
    },
  };
}
