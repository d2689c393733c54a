import { z } from 'zod';
import { PreconditionResultSchema } from '@watchfloor/shared/actions/api';
import { ApiError } from '../../../lib/api-client.ts';
import { PreconditionList } from './precondition-list.tsx';

/** A refusal (403 who, 409 preconditions) may carry the policy evaluation; a looser shape is read, not trusted. */
const RefusalDetailsSchema = z.object({
  policy: z.object({ results: z.array(PreconditionResultSchema) }),
});

/** Why the server refused, in its words, with the failed checks when it names them. */
export function ProposalRefusal({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : 'Unknown error';
  const details = error instanceof ApiError ? RefusalDetailsSchema.safeParse(error.details) : null;
  const results = details?.success ? details.data.policy.results : [];
  return (
    <div role="alert" className="panel-error">
      <strong>{what} was refused.</strong> {message}
      {error instanceof ApiError && error.requestId && (
        <span className="muted"> (request {error.requestId})</span>
      )}
      {results.length > 0 && <PreconditionList results={results} label="Checks that decided" />}
    </div>
  );
}
