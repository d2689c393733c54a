import {
  ChangeEventSchema,
  type ChangeEvent,
  type ChangesResult,
} from '@watchfloor/shared/telemetry/changes';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { judgeBatchItem } from '../ingest/batch-item.ts';
import { insertChanges, type ChangeRow } from './changes.repository.ts';

type ChangeRejection = ChangesResult['rejected'][number];

export interface ChangesDeps {
  pool: Pool;
  retentionDays: number;
  now?: () => number;
}

/**
 * Judges each change alone, then stores every valid one in one transaction. An id already stored
 * (or repeated in the batch) is a duplicate whatever it now says: the first write wins, so a
 * sender's retry can never rewrite a change that charts and evidence have already shown.
 */
export async function ingestChanges(
  deps: ChangesDeps,
  items: readonly unknown[],
): Promise<ChangesResult> {
  const now = deps.now?.() ?? Date.now();
  const oldest = now - deps.retentionDays * 86_400_000;
  const rejected: ChangeRejection[] = [];
  const seen = new Set<string>();
  const rows: ChangeRow[] = [];
  let duplicates = 0;

  items.forEach((item, index) => {
    const verdict = judgeItem(item, index, now, oldest);
    if ('code' in verdict) rejected.push(verdict);
    else if (seen.has(verdict.id)) duplicates += 1;
    else {
      seen.add(verdict.id);
      rows.push(toRow(verdict, now));
    }
  });

  const accepted =
    rows.length === 0
      ? 0
      : await withTransaction(deps.pool, (conn) => insertChanges(conn, rows), 'READ COMMITTED');
  duplicates += rows.length - accepted;
  return { accepted, duplicates, rejected };
}

function judgeItem(
  item: unknown,
  index: number,
  now: number,
  oldest: number,
): ChangeEvent | ChangeRejection {
  return judgeBatchItem<ChangeEvent>(ChangeEventSchema, item, index, {
    field: 'start',
    of: (change) => change.start,
    now,
    oldest,
  });
}

/** The changes row for a validated change: the one place columns and encodings are decided. */
function toRow(change: ChangeEvent, now: number): ChangeRow {
  return [
    change.id,
    change.type,
    change.title,
    change.url ?? null,
    change.start,
    change.end ?? null,
    change.segment ?? null,
    change.entity ?? null,
    change.attributes ? JSON.stringify(change.attributes) : null,
    now,
  ];
}
