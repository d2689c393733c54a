/**
 * Work that must happen only if a transaction commits (e.g. remembering what was written in it):
 * registered on the transaction's connection, run by `withTransaction` after COMMIT, dropped on
 * rollback. Outside `withTransaction` (autocommit) a hook runs at once.
 */
const pending = new WeakMap<object, (() => void)[]>();

export function onCommit(conn: object, hook: () => void): void {
  const hooks = pending.get(conn);
  if (hooks) hooks.push(hook);
  else hook();
}

/** Called by `withTransaction` as the transaction begins. */
export function openCommitHooks(conn: object): void {
  pending.set(conn, []);
}

/** Called by `withTransaction`: runs the hooks after COMMIT, or forgets them after ROLLBACK. */
export function closeCommitHooks(conn: object, committed: boolean): void {
  const hooks = pending.get(conn) ?? [];
  pending.delete(conn);
  if (committed) for (const hook of hooks) hook();
}
