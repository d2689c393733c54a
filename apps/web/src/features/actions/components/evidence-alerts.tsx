import type { Annotation } from '@watchfloor/shared/annotations';
import { alertRows } from '../../../components/annotation-rows.ts';
import { ExternalLink } from '../../../components/external-link.tsx';
import { formatDateTime } from '../../../lib/format.ts';

/**
 * The alerts that were firing on the target when the action was proposed, as the server recorded
 * them with the evidence: an approver sees what the proposer was reacting to, with the way to each
 * alert's source. Actions proposed before alerts were recorded have none to show.
 */
export function EvidenceAlerts({ alerts }: { alerts: readonly Annotation[] | undefined }) {
  if (alerts === undefined) return null;
  const rows = alertRows(alerts);
  return (
    <section className="evidence-alerts" aria-labelledby="evidence-alerts-title">
      <h3 id="evidence-alerts-title">Alerts at proposal</h3>
      {rows.length === 0 ? (
        <p className="annotation-list__empty">No alert was firing on the target.</p>
      ) : (
        <ul aria-label="Alerts at proposal">
          {rows.map((row) => (
            <li key={row.key} data-alert-state={row.firing ? 'firing' : 'resolved'}>
              <strong>{row.title}</strong>
              {row.severity && ` (${row.severity})`} on {row.scope}, started{' '}
              {formatDateTime(row.start)}
              {row.firing ? (
                <>
                  , <strong className="alert-firing">firing</strong>
                </>
              ) : (
                row.end !== null && `, resolved ${formatDateTime(row.end)}`
              )}{' '}
              <ExternalLink href={row.url} label={`Source of alert ${row.title}`}>
                Source
              </ExternalLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
