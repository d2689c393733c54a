import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ActionPolicy } from '@watchfloor/shared/actions/policy';
import { GuardedButton } from '../../../components/guarded-button.tsx';
import { useProposePolicyChange } from '../api/propose-policy-change.ts';
import { ServerRefusal } from './server-refusal.tsx';

/**
 * A new policy as JSON, prefilled with the active one, and why. Only malformed JSON is caught
 * here, as it is typed (the Propose button says so beside it); everything else is the server's to
 * judge, and its refusal is shown as it said it.
 */
export function ProposePolicyForm({ active }: { active: ActionPolicy }) {
  const [text, setText] = useState(() => JSON.stringify(active, null, 2));
  const [comment, setComment] = useState('');
  const propose = useProposePolicyChange();
  const textId = useId();
  const commentId = useId();
  const parsed = useMemo(() => parseJson(text), [text]);
  const blockedBy = 'syntax' in parsed ? `the policy is not valid JSON (${parsed.syntax})` : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ('syntax' in parsed || propose.isPending) return;
    propose.mutate({ policy: parsed.policy, comment });
  };
  return (
    <form className="propose-policy" onSubmit={submit} aria-label="Propose a policy change">
      <label htmlFor={textId}>Policy (JSON)</label>
      <textarea
        id={textId}
        rows={16}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ width: '100%', fontFamily: 'monospace' }}
      />
      <label htmlFor={commentId}>Why</label>
      <input id={commentId} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="decision__buttons">
        <GuardedButton
          type="submit"
          label="Propose"
          primary
          reason={blockedBy}
          busy={propose.isPending}
          busyLabel="Proposing…"
          testId="propose-policy"
        />
      </div>
      {propose.error && <ServerRefusal error={propose.error} what="The proposal" />}
      {propose.data && (
        <p role="status">
          Proposed change #{propose.data.data.id}; it needs two other admins to approve it.
        </p>
      )}
    </form>
  );
}

function parseJson(text: string): { policy: unknown } | { syntax: string } {
  try {
    return { policy: JSON.parse(text) as unknown };
  } catch (error) {
    return { syntax: error instanceof Error ? error.message : 'unreadable' };
  }
}
