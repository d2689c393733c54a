import type { PreconditionResult } from '@watchfloor/shared/actions/api';

/** Each precondition with its outcome in words and a symbol, never by colour alone. */
export function PreconditionList({
  results,
  label = 'Preconditions',
}: {
  results: readonly PreconditionResult[];
  label?: string;
}) {
  if (results.length === 0) return <p className="muted">No preconditions were checked.</p>;
  return (
    <ul aria-label={label} className="preconditions">
      {results.map((result) => (
        <li key={result.code} data-passed={result.passed}>
          <span aria-hidden="true">{result.passed ? '✔ ' : '✖ '}</span>
          <strong>{result.passed ? 'Pass' : 'Fail'}</strong> {result.code}: {result.message}
        </li>
      ))}
    </ul>
  );
}
