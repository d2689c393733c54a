import { Readable } from 'node:stream';
import { withDatabase } from '../../cli/database/mysql-url.ts';
import { createDatabaseIfAbsent, dropDatabase } from '../../cli/database/probe.ts';
import { migrate } from '../../db/migrate.ts';
import { createPool, type Pool, type PoolConnection } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { Registry } from '../../modules/ingest/registry.ts';
import { benchFleet, FIREHOSE_SLUG, VIEW_SEGMENT_SLUG, type DatasetSpec } from './dataset-spec.ts';
import { readMarker, writeMarker, type DatasetInfo } from './dataset-marker.ts';
import { EventRowGenerator, type ResolvedMember } from './event-rows.ts';
import { catchUpRollups, rebuildRollupsFromRaw, type CatchUpResult } from './rollup-catch-up.ts';
import { rollupCodeFingerprint } from './rollup-fingerprint.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const CHUNK_MINUTES = 120;
const EVENT_COLUMNS =
  'event_id, ts, segment_id, entity_id, kind, status, error_class, latency_ms, latency_bucket, value, message, attrs, ingested_at';

interface LoadOptions {
  serverUrl: string;
  reload: boolean;
  logger: Logger;
  progress: (message: string) => void;
}

/**
 * Returns the data set described by spec, loading it only when the marker of a complete load is
 * absent (or --reload): fleet registered through the product's registry, raw events and their
 * dirty entity-minutes bulk-loaded with LOAD DATA, then rollups built by the product's worker.
 * Rollups built by other rollup code than the current one are rebuilt from the stored raw events.
 */
export async function ensureDataset(spec: DatasetSpec, options: LoadOptions): Promise<DatasetInfo> {
  const url = withDatabase(options.serverUrl, spec.database);
  if (options.reload) await dropDatabase(options.serverUrl, spec.database);
  await createDatabaseIfAbsent(options.serverUrl, spec.database);
  let pool = createPool({ url, connectionLimit: 4 });
  try {
    await migrate(pool);
    const existing = await readMarker(pool, spec);
    const fingerprint = await rollupCodeFingerprint();
    if (existing && existing.rollupCode === fingerprint) {
      options.progress(
        `${spec.label}: reusing ${spec.database} (${existing.totalEvents.toLocaleString('en-US')} events, loaded ${new Date(existing.loadedAt).toISOString()})`,
      );
      return existing;
    }
    if (existing) {
      options.progress(
        `${spec.label}: the rollup code changed since ${spec.database} was built; rebuilding its rollups from raw events`,
      );
      const rollup = await rebuildRollupsFromRaw(pool, existing, options.logger, options.progress);
      const info = {
        ...existing,
        rollupCode: fingerprint,
        rollupsBuiltAt: Date.now(),
        rollup: rollupFigures(rollup, existing.totalEvents),
      };
      await pool.query('ANALYZE TABLE rollups_1m, rollups_1h, rollups_1d');
      await writeMarker(pool, info);
      return info;
    }
    // No marker: an interrupted or different load. Start from an empty database.
    await pool.end();
    await dropDatabase(options.serverUrl, spec.database);
    await createDatabaseIfAbsent(options.serverUrl, spec.database);
    pool = createPool({ url, connectionLimit: 4 });
    await migrate(pool);
    return await loadDataset(pool, spec, url, options, fingerprint);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** `rollupCode` is the fingerprint taken before loading: the code that builds these rollups, even if files change meanwhile. */
async function loadDataset(
  pool: Pool,
  spec: DatasetSpec,
  url: string,
  options: LoadOptions,
  rollupCode: string,
): Promise<DatasetInfo> {
  const loadedAt = Date.now();
  const members = await registerFleet(pool, spec, loadedAt);
  const generator = new EventRowGenerator(spec, members, FIREHOSE_SLUG);
  const endTs = Math.floor(loadedAt / MINUTE) * MINUTE;
  const startTs = endTs - spec.days * DAY;
  options.progress(
    `${spec.label}: loading ${spec.totalEvents.toLocaleString('en-US')} events into ${spec.database}`,
  );

  const conn = await pool.getConnection();
  const loadStart = performance.now();
  let totalEvents = 0;
  try {
    for (let chunkStart = startTs; chunkStart < endTs; chunkStart += CHUNK_MINUTES * MINUTE) {
      let events = '';
      let dirty = '';
      for (
        let minute = chunkStart;
        minute < Math.min(endTs, chunkStart + CHUNK_MINUTES * MINUTE);
        minute += MINUTE
      ) {
        const rows = generator.minute(minute);
        events += rows.text;
        totalEvents += rows.count;
        for (const entityId of rows.entityIds) dirty += `${entityId}\t${minute}\t${loadedAt}\n`;
      }
      await loadText(
        conn,
        `LOAD DATA LOCAL INFILE 'events.tsv' INTO TABLE events (${EVENT_COLUMNS})`,
        events,
      );
      await loadText(
        conn,
        "LOAD DATA LOCAL INFILE 'dirty.tsv' INTO TABLE rollup_dirty (entity_id, minute_ts, created_at)",
        dirty,
      );
      if (((chunkStart - startTs) / (CHUNK_MINUTES * MINUTE)) % 12 === 11) {
        options.progress(
          `${spec.label}: ${totalEvents.toLocaleString('en-US')} events loaded (${((performance.now() - loadStart) / 1000).toFixed(0)} s)`,
        );
      }
    }
    await conn.query('ANALYZE TABLE events, rollup_dirty');
  } finally {
    conn.release();
  }
  const loadMs = performance.now() - loadStart;
  options.progress(
    `${spec.label}: raw load done in ${(loadMs / 1000).toFixed(1)} s; building rollups with the rollup worker`,
  );

  const rollup = await catchUpRollups(pool, options.logger, options.progress);
  await pool.query('ANALYZE TABLE rollups_1m, rollups_1h, rollups_1d');
  const firehose = members.find((m) => m.entity === FIREHOSE_SLUG)!;
  const segment = members.find((m) => m.segment === VIEW_SEGMENT_SLUG)!;
  const info: DatasetInfo = {
    spec,
    url,
    startTs,
    endTs,
    totalEvents,
    firehose: {
      id: firehose.entityId,
      slug: FIREHOSE_SLUG,
      events: await countEvents(pool, 'entity_id', firehose.entityId),
    },
    segment: {
      id: segment.segmentId,
      slug: VIEW_SEGMENT_SLUG,
      events: await countEvents(pool, 'segment_id', segment.segmentId),
    },
    loadedAt,
    rollupCode,
    rollupsBuiltAt: Date.now(),
    load: { ms: loadMs, rowsPerSecond: totalEvents / (loadMs / 1000) },
    rollup: rollupFigures(rollup, totalEvents),
  };
  await writeMarker(pool, info);
  options.progress(
    `${spec.label}: rollups built in ${(rollup.ms / 1000).toFixed(1)} s (${rollup.batches} batches)`,
  );
  return info;
}

function rollupFigures(rollup: CatchUpResult, totalEvents: number): DatasetInfo['rollup'] {
  const seconds = rollup.ms / 1000;
  return {
    ms: rollup.ms,
    batches: rollup.batches,
    entityMinutes: rollup.entityMinutes,
    eventsPerSecond: totalEvents / seconds,
    entityMinutesPerSecond: rollup.entityMinutes / seconds,
  };
}

async function registerFleet(
  pool: Pool,
  spec: DatasetSpec,
  now: number,
): Promise<ResolvedMember[]> {
  const fleet = benchFleet(spec);
  const registry = new Registry(pool, { maxSegments: 1_000, maxEntities: 20_000 });
  const resolved = await registry.resolve(
    fleet.map((m) => ({ segment: m.segment, entity: m.entity })),
    now,
  );
  return fleet.map((member) => {
    const resolution = resolved.get(`${member.segment}/${member.entity}`);
    if (!resolution?.ok) throw new Error(`could not register ${member.segment}/${member.entity}`);
    return { ...member, entityId: resolution.ref.id, segmentId: resolution.ref.segmentId };
  });
}

async function loadText(conn: PoolConnection, sql: string, text: string): Promise<void> {
  if (text.length === 0) return;
  // Sent in 1 MB pieces: each becomes one protocol packet, well under max_allowed_packet.
  const pieces = function* () {
    for (let at = 0; at < text.length; at += 1_048_576)
      yield Buffer.from(text.slice(at, at + 1_048_576), 'utf8');
  };
  await conn.query({ sql, infileStreamFactory: () => Readable.from(pieces()) });
}

async function countEvents(
  pool: Pool,
  column: 'entity_id' | 'segment_id',
  id: number,
): Promise<number> {
  const [rows] = await pool.query(
    `SELECT COUNT(*) AS n FROM events WHERE ${column === 'entity_id' ? 'entity_id' : 'segment_id'} = ?`,
    [id],
  );
  return Number((rows as { n: number }[])[0]?.n ?? 0);
}
