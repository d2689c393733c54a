import { acknowledgementsOf, type AcknowledgementScope } from '@watchfloor/shared/acknowledgements';
import { useActiveAcknowledgements } from '../api/get-acknowledgements.ts';
import { AcknowledgementLines } from './acknowledgement-lines.tsx';

/**
 * The acknowledgements of one scope, for a table row (the overview's segments): every row reads
 * the one shared list query. A failed read shows nothing here; the scope's own page says why.
 */
export function AcknowledgementNote({
  scope,
  now = Date.now,
}: {
  scope: AcknowledgementScope;
  now?: () => number;
}) {
  const query = useActiveAcknowledgements();
  const acknowledgements = acknowledgementsOf(query.data?.data.acknowledgements ?? [], scope);
  return <AcknowledgementLines acknowledgements={acknowledgements} now={now()} />;
}
