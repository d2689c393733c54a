/** Parsed rows grouped by their action, each group in row order. */
export function groupByAction<R extends { action_id: number }, V>(
  rows: R[],
  value: (row: R) => V,
): Map<number, V[]> {
  const byAction = new Map<number, V[]>();
  for (const row of rows) {
    const list = byAction.get(row.action_id) ?? [];
    list.push(value(row));
    byAction.set(row.action_id, list);
  }
  return byAction;
}
