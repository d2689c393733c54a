import type { ShadowOutcome, ShadowReport } from '@watchfloor/shared/actions/policy-changes';
import { formatDateTime } from '../../../lib/format.ts';

const outcome = (o: ShadowOutcome) => (o.passed ? 'allowed' : `refused (${o.failed.join(', ')})`);

/** What the proposed policy would have decided on the recent proposals, and where it differs. */
export function ShadowReportView({ shadow }: { shadow: ShadowReport }) {
  return (
    <div className="shadow-report">
      <p data-testid="shadow-summary">
        Replayed {shadow.evaluated} recent proposal{shadow.evaluated === 1 ? '' : 's'}:{' '}
        {shadow.unchanged} unchanged, {shadow.nowAllowed} now allowed, {shadow.nowRefused} now
        refused
        {shadow.refusedDifferently > 0
          ? `, ${shadow.refusedDifferently} refused for other reasons`
          : ''}
        {shadow.skipped > 0 ? `; ${shadow.skipped} skipped (inputs no longer readable)` : ''}.
      </p>
      {shadow.differences.length > 0 && (
        <table className="data-table" data-testid="shadow-differences">
          <caption>Decisions that would change</caption>
          <thead>
            <tr>
              <th scope="col">Proposed</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Under the policy it met</th>
              <th scope="col">Under this change</th>
            </tr>
          </thead>
          <tbody>
            {shadow.differences.map((d, i) => (
              <tr key={`${d.proposedAt}:${d.actionId ?? 'refused'}:${i}`}>
                <td>{formatDateTime(d.proposedAt)}</td>
                <td>
                  {d.actionId === null ? 'refused proposal' : `#${d.actionId}`} {d.type}
                </td>
                <td>{d.target}</td>
                <td>{outcome(d.before)}</td>
                <td>{outcome(d.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
