import { useState } from 'react';
import { acknowledgementsOf, type AcknowledgementScope } from '@watchfloor/shared/acknowledgements';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useActiveAcknowledgements } from '../api/get-acknowledgements.ts';
import { AcknowledgeForm } from './acknowledge-form.tsx';
import { AcknowledgementLines } from './acknowledgement-lines.tsx';

interface Props {
  scope: AcknowledgementScope;
  /**
   * Whether the signed-in roles hold `incidents.acknowledge` (the BFF decides anyway); undefined
   * while the roles are still loading.
   */
  mayAcknowledge: boolean | undefined;
  now?: () => number;
}

/**
 * A segment's or entity's page: who is on its current incident, and — for roles that may — the
 * "Acknowledge" button with its comment form. The server judges whether there is an incident; a
 * press on an OK scope is answered with its refusal.
 */
export function ScopeAcknowledgements({ scope, mayAcknowledge, now = Date.now }: Props) {
  const query = useActiveAcknowledgements();
  const [open, setOpen] = useState(false);
  const acknowledgements = acknowledgementsOf(query.data?.data.acknowledgements ?? [], scope);
  if (acknowledgements.length === 0 && mayAcknowledge === false && !query.isError) return null;
  return (
    <div className="scope-acknowledgements" data-testid="scope-acknowledgements">
      <AcknowledgementLines acknowledgements={acknowledgements} now={now()} />
      {query.isError && !query.data && (
        <ErrorMessage error={query.error} what="Acknowledgements" onRetry={() => query.refetch()} />
      )}
      {/* The button's place is kept while the roles load: the page below must not jump. */}
      {mayAcknowledge === undefined && (
        <button type="button" className="button" style={{ visibility: 'hidden' }} tabIndex={-1}>
          Acknowledge
        </button>
      )}
      {mayAcknowledge &&
        (open ? (
          <AcknowledgeForm scope={scope} onDone={() => setOpen(false)} />
        ) : (
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Acknowledge
          </button>
        ))}
    </div>
  );
}
