import type { PolicyDiffEntry } from '@watchfloor/shared/actions/policy-changes';

const show = (value: unknown) => (value === null ? '—' : JSON.stringify(value));

/** What the change alters, leaf by leaf; "—" where a key is added or removed. */
export function PolicyDiffTable({ diff }: { diff: readonly PolicyDiffEntry[] }) {
  return (
    <table className="data-table" data-testid="policy-diff">
      <caption>Changes</caption>
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((entry) => (
          <tr key={entry.path} data-path={entry.path}>
            <td>
              <code>{entry.path}</code>
            </td>
            <td>{show(entry.before)}</td>
            <td>{show(entry.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
