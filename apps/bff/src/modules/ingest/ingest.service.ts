import {
  IngestEventSchema,
  type IngestEvent,
  type IngestRejection,
  type IngestResult,
} from '@watchfloor/shared/ingest';
import { latencyBucketIndex } from '@watchfloor/shared/metrics/latency-histogram';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { judgeBatchItem } from './batch-item.ts';
import { kindCode, statusCode } from './event-codes.ts';
import {
  insertAnnotations,
  insertEvents,
  markDirty,
  type AnnotationRow,
  type EventRow,
} from './ingest.repository.ts';
import type { Registry } from './registry.ts';

export interface IngestDeps {
  pool: Pool;
  registry: Registry;
  retentionDays: number;
  now?: () => number;
}

/**
 * Judges each item alone, then stores every valid one in one transaction with the entity-minutes
 * it touched, so an acknowledged event is durable and will be rolled up. Duplicate ids (in the
 * batch or already stored) are counted, never stored twice.
 */
export async function ingestEvents(
  deps: IngestDeps,
  items: readonly unknown[],
): Promise<IngestResult> {
  const now = deps.now?.() ?? Date.now();
  const oldest = now - deps.retentionDays * 86_400_000;
  const rejected: IngestRejection[] = [];
  const valid: { index: number; event: IngestEvent }[] = [];

  items.forEach((item, index) => {
    const verdict = judgeItem(item, index, now, oldest);
    if ('code' in verdict) rejected.push(verdict);
    else valid.push({ index, event: verdict });
  });

  const seen = new Set<string>();
  const unique = valid.filter(({ event }) =>
    seen.has(event.id) ? false : (seen.add(event.id), true),
  );
  let duplicates = valid.length - unique.length;

  // A batch names a few hundred entities thousands of times: resolve each pair once.
  const pairs = new Map<string, { segment: string; entity: string; entityKind?: string }>();
  const pairKeys: string[] = new Array(unique.length);
  unique.forEach(({ event }, i) => {
    const key = `${event.segment}/${event.entity}`;
    pairKeys[i] = key;
    if (!pairs.has(key))
      pairs.set(key, {
        segment: event.segment,
        entity: event.entity,
        entityKind: entityKindAttr(event),
      });
  });
  const resolutions = await deps.registry.resolve([...pairs.values()], now);
  const rows: EventRow[] = [];
  const annotations: AnnotationRow[] = [];
  const dirtyMinutes = new Map<number, Map<number, number>>();
  unique.forEach(({ index, event }, i) => {
    const resolution = resolutions.get(pairKeys[i]!);
    if (!resolution?.ok) {
      if (resolution)
        rejected.push({
          index,
          id: event.id,
          code: resolution.code,
          field: resolution.field,
          message: resolution.message,
        });
      return;
    }
    const { id: entityId, segmentId } = resolution.ref;
    rows.push(toRow(event, segmentId, entityId, now));
    const annotation = annotationKind(event);
    if (annotation)
      annotations.push([
        entityId,
        segmentId,
        event.ts,
        annotation,
        annotationTitle(event, annotation),
        event.id,
      ]);
    let minutes = dirtyMinutes.get(entityId);
    if (!minutes) dirtyMinutes.set(entityId, (minutes = new Map()));
    const minute = bucketStart(event.ts, '1m');
    minutes.set(minute, (minutes.get(minute) ?? 0) + 1);
  });

  let accepted = 0;
  if (rows.length > 0) {
    accepted = await withTransaction(
      deps.pool,
      async (conn) => {
        const inserted = await insertEvents(conn, rows);
        // A batch of nothing but re-sends changes no bucket; a mixed batch marks all it touched.
        if (inserted > 0) {
          await markDirty(
            conn,
            [...dirtyMinutes].flatMap(([entityId, minutes]) =>
              [...minutes].map(([minute, events]): [number, number, number] => [
                entityId,
                minute,
                events,
              ]),
            ),
            now,
          );
          await insertAnnotations(conn, annotations);
        }
        return inserted;
      },
      'READ COMMITTED',
    );
  }
  duplicates += rows.length - accepted;
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, duplicates, rejected };
}

function judgeItem(
  item: unknown,
  index: number,
  now: number,
  oldest: number,
): IngestEvent | IngestRejection {
  return judgeBatchItem<IngestEvent>(IngestEventSchema, item, index, {
    field: 'ts',
    of: (event) => event.ts,
    now,
    oldest,
  });
}

function entityKindAttr(event: IngestEvent): string | undefined {
  const kind = event.attrs?.entityKind;
  return typeof kind === 'string' ? kind : undefined;
}

/** The events row for a validated event: the one place columns and encodings are decided. */
export function toRow(
  event: IngestEvent,
  segmentId: number,
  entityId: number,
  now: number,
): EventRow {
  const latency = event.latencyMs ?? null;
  return [
    event.id,
    event.ts,
    segmentId,
    entityId,
    kindCode(event.kind),
    statusCode(event.status),
    event.errorClass ?? null,
    latency,
    latency === null ? null : latencyBucketIndex(latency),
    event.value ?? null,
    event.message ?? null,
    event.attrs ? JSON.stringify(event.attrs) : null,
    now,
    event.traceId ?? null,
  ];
}

/** Alerts, and any event flagged `attrs.deploy`, become chart annotations. */
function annotationKind(event: IngestEvent): 'deploy' | 'alert' | null {
  if (event.attrs?.deploy === true) return 'deploy';
  return event.kind === 'alert' ? 'alert' : null;
}

function annotationTitle(event: IngestEvent, kind: 'deploy' | 'alert'): string {
  const version = event.attrs?.version;
  const text =
    event.message ??
    (kind === 'deploy'
      ? `deploy${typeof version === 'string' ? ` ${version}` : ''}`
      : (event.errorClass ?? 'alert'));
  return text.slice(0, 256);
}
