import { EVENT_KINDS, EVENT_STATUSES } from '@watchfloor/shared/ingest';
import type { EventKind, EventStatus } from '@watchfloor/shared/ingest';
import { kindCode, statusCode } from '../ingest/event-codes.ts';

export type ScopeColumn = 'entity_id' | 'segment_id';

/** The filters of a raw-events page, as the query names them. */
export interface EventsFilterValues {
  status?: EventStatus;
  kind?: EventKind;
  errorClass?: string;
}

/** One keyset range: every index column before `ts` pinned to a value. */
export interface PlanBranch {
  errorClass?: string;
  status?: number;
  kind?: number;
}

export interface EventsPlan {
  /** Index name, one of the constants below (never input). */
  index: string;
  branches: PlanBranch[];
}

/**
 * Which index reads which filter combination (migration 0015). Every index ends `(ts, id)`, so a
 * branch is one backward range read stopping after `limit + 1` entries; the branches are merged
 * by `(ts, id)`. A page therefore examines at most `branches × (limit + 1)` index entries whatever
 * the window or the data — the bound is by construction, not by a cap on rows examined, so a page
 * is always full when the data has enough matches. The open enums are enumerated (≤ 2 statuses ×
 * 6 kinds = 12 branches); the error class is free text and is never enumerated: it leads its own
 * index. A filter without a scope is refused by the query schema (422 naming the filter).
 */
const INDEXES: Record<ScopeColumn, { plain: string | null; filter: string; errorClass: string }> = {
  // The wide (entity_id, ts, id, …) index already serves the unfiltered entity page.
  entity_id: {
    plain: 'ix_events_entity_ts',
    filter: 'ix_events_entity_filter',
    errorClass: 'ix_events_entity_error_class',
  },
  // (segment_id, ts, id) was dropped for one index fewer on ingest: the filter index with every
  // status and kind enumerated reads the unfiltered segment page.
  segment_id: {
    plain: null,
    filter: 'ix_events_segment_filter',
    errorClass: 'ix_events_segment_error_class',
  },
};

const ALL_STATUSES = EVENT_STATUSES.map(statusCode);
const ALL_KINDS = EVENT_KINDS.map(kindCode);

/** The most branches a plan can have: every status × every kind. */
export const MAX_BRANCHES = ALL_STATUSES.length * ALL_KINDS.length;

export function planEventsQuery(scope: ScopeColumn, filter: EventsFilterValues): EventsPlan {
  const indexes = INDEXES[scope];
  const noFilter =
    filter.status === undefined && filter.kind === undefined && filter.errorClass === undefined;
  if (noFilter && indexes.plain) return { index: indexes.plain, branches: [{}] };
  const statuses = filter.status === undefined ? ALL_STATUSES : [statusCode(filter.status)];
  const kinds = filter.kind === undefined ? ALL_KINDS : [kindCode(filter.kind)];
  const branches = statuses.flatMap((status) =>
    kinds.map((kind) =>
      filter.errorClass === undefined
        ? { status, kind }
        : { errorClass: filter.errorClass, status, kind },
    ),
  );
  return {
    index: filter.errorClass === undefined ? indexes.filter : indexes.errorClass,
    branches,
  };
}
