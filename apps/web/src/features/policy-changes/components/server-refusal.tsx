import { z } from 'zod';
import { FieldIssueSchema } from '@watchfloor/shared/errors';
import { ApiError } from '../../../lib/api-client.ts';

const FieldIssuesSchema = z.array(FieldIssueSchema);

/** The server's refusal verbatim: its message, and every field it named (e.g. `policy.caps.maxEntitiesPerAction`). */
export function ServerRefusal({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : 'Unknown error';
  const issues = error instanceof ApiError ? FieldIssuesSchema.safeParse(error.details) : null;
  return (
    <div role="alert" className="panel-error">
      <strong>{what} was refused.</strong> {message}
      {error instanceof ApiError && error.requestId && (
        <span className="muted"> (request {error.requestId})</span>
      )}
      {issues?.success && issues.data.length > 0 && (
        <ul data-testid="refusal-fields">
          {issues.data.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <code>{issue.field}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
