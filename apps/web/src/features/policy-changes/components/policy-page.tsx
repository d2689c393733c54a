import { Panel } from '../../../components/panel.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useActivePolicy } from '../api/get-active-policy.ts';
import { usePolicyChanges } from '../api/get-policy-changes.ts';
import { PolicyChangeCard } from './policy-change-card.tsx';
import { ProposePolicyForm } from './propose-policy-form.tsx';
import { VersionHash } from './version-hash.tsx';

interface Props {
  /** Whether the signed-in user may propose and decide policy changes (admins). */
  canChange: boolean;
  username: string | null;
}

/**
 * `/policy`: the active action policy version, the changes waiting for two admins (each with its
 * diff and shadow report), recent decisions, and a form to propose the next version.
 */
export function PolicyPage({ canChange, username }: Props) {
  const active = useActivePolicy();
  const changes = usePolicyChanges();
  const all = changes.data?.data.changes ?? [];
  const pending = all.filter((c) => c.state === 'proposed');
  const decided = all.filter((c) => c.state !== 'proposed');
  const current = active.data?.data;
  return (
    <div className="policy-page">
      <h1>Action policy</h1>
      <Panel title="Active policy" error={active.error}>
        {current && (
          <p data-testid="active-policy">
            “{current.policy.name}”, version <VersionHash version={current.version} />, active since{' '}
            {formatDateTime(current.activatedAt)} by {current.activatedBy}
            {current.changeId !== null
              ? ` (change #${current.changeId})`
              : ' (seeded at first start)'}
            .
          </p>
        )}
      </Panel>
      <Panel title="Pending changes" error={changes.error}>
        {changes.data && pending.length === 0 && <p className="muted">No change is waiting.</p>}
        {pending.map((change) => (
          <PolicyChangeCard
            key={change.id}
            change={change}
            canDecide={canChange}
            username={username}
          />
        ))}
      </Panel>
      {decided.length > 0 && (
        <Panel title="Recent decisions">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Version</th>
                <th scope="col">State</th>
                <th scope="col">Proposer</th>
                <th scope="col">Decided</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((c) => (
                <tr key={c.id}>
                  <td>#{c.id}</td>
                  <td>
                    <code title={c.proposedVersion}>{c.proposedVersion.slice(0, 12)}</code>
                  </td>
                  <td>{c.state}</td>
                  <td>{c.proposer}</td>
                  <td>
                    {c.decidedAt === null ? '—' : formatDateTime(c.decidedAt)}
                    {c.decidedBy ? ` by ${c.decidedBy}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
      {canChange && current && (
        <Panel title="Propose a change">
          <ProposePolicyForm key={current.version} active={current.policy} />
        </Panel>
      )}
    </div>
  );
}
