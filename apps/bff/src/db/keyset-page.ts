/**
 * Keyset paging: a page is read as `limit + 1` rows past the cursor's key. When the extra row
 * comes back another page follows, known without a COUNT, and the next cursor is the key of the
 * page's last row.
 */

/** A repository's side of a page of a list keyed by a number (an id, a sequence), newest first. */
export interface KeysetRead {
  /** Only rows whose key is below this one; every row when undefined (the first page). */
  before: number | undefined;
  /** One row more than the page. */
  limit: number;
}

/** The read for a page asked for by `cursor` (the previous page's last key) and `limit`. */
export function keysetRead(query: { cursor?: string; limit: number }): KeysetRead {
  return {
    before: query.cursor === undefined ? undefined : Number(query.cursor),
    limit: query.limit + 1,
  };
}

/** One page of a keyset-paged list. */
export interface KeysetPage<R> {
  rows: R[];
  /** `{ nextCursor }` when another page follows, else empty: spread into the answer so the field is absent rather than undefined. */
  next: { nextCursor?: string };
}

/** Cuts rows read with `limit + 1` to the page, with the cursor of its last row when more follow. */
export function keysetPage<R>(
  rows: readonly R[],
  limit: number,
  cursorOf: (last: R) => string,
): KeysetPage<R> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > limit && last !== undefined ? { nextCursor: cursorOf(last) } : {},
  };
}
