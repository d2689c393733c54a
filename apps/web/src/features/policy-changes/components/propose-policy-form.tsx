import { useId, useState, type FormEvent } from 'react';
import type { ActionPolicy } from '@watchfloor/shared/actions/policy';
import { useProposePolicyChange } from '../api/propose-policy-change.ts';
import { ServerRefusal } from './server-refusal.tsx';

/**
 * A new policy as JSON, prefilled with the active one, and why. Only malformed JSON is caught
 * here; everything else is the server's to judge, and its refusal is shown as it said it.
 */
export function ProposePolicyForm({ active }: { active: ActionPolicy }) {
  const [text, setText] = useState(() => JSON.stringify(active, null, 2));
  const [comment, setComment] = useState('');
  const [syntax, setSyntax] = useState<string | null>(null);
  const propose = useProposePolicyChange();
  const textId = useId();
  const commentId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let policy: unknown;
    try {
      policy = JSON.parse(text);
    } catch (error) {
      setSyntax((error as Error).message);
      return;
    }
    setSyntax(null);
    propose.mutate({ policy, comment });
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
      <button type="submit" className="button button--primary" disabled={propose.isPending}>
        Propose
      </button>
      {syntax && (
        <div role="alert" className="panel-error">
          <strong>Not valid JSON.</strong> {syntax}
        </div>
      )}
      {propose.error && <ServerRefusal error={propose.error} what="The proposal" />}
      {propose.data && (
        <p role="status">
          Proposed change #{propose.data.data.id}; it needs two other admins to approve it.
        </p>
      )}
    </form>
  );
}
