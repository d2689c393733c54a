/** One promise of docs/reliability.md, as a run measured it. */
export interface Check {
  promise: string;
  ok: boolean;
  measured: string;
}

export function renderChecks(title: string, checks: readonly Check[]): string {
  const rows = checks.map(
    (c) => `| ${c.promise} | ${c.measured} | ${c.ok ? 'PASS' : '**FAIL**'} |`,
  );
  return [`### ${title}`, '', '| promise | measured | result |', '|---|---|---|', ...rows, ''].join(
    '\n',
  );
}
