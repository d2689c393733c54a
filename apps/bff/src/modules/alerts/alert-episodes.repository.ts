import { z } from 'zod';
import type { Annotation } from '@watchfloor/shared/annotations';
import type { Queryable } from '../../db/pool.ts';
import { allRows, numeric } from '../../db/row-values.ts';
import { DB_NOW_MS } from '../../db/db-clock.ts';

/**
 * Which alert episodes a chart shows: the whole fleet; a segment (episodes keyed to it, or to one
 * of its entities); or an entity (episodes keyed to it, or keyed only to its segment).
 */
export type AlertEpisodeScope =
  | { fleet: true }
  | { segment: string; entitySlugs: string[] }
  | { entity: string; segment: string };

const MAX_EPISODES = 500;

const RowSchema = z.object({
  id: numeric,
  starts_at: numeric,
  ends_at: numeric.nullable(),
  alertname: z.string(),
  severity: z.string().nullable(),
  summary: z.string().nullable(),
  generator_url: z.string().nullable(),
  segment_key: z.string().nullable(),
  entity_key: z.string().nullable(),
});
type EpisodeRow = z.infer<typeof RowSchema>;

/** An episode that names neither a segment nor an entity is fleet-wide: it shows at every level. */
const FLEET_WIDE = '(segment_key IS NULL AND entity_key IS NULL)';

function scopeFilter(scope: AlertEpisodeScope): { sql: string; params: unknown[] } {
  if ('fleet' in scope) return { sql: '', params: [] };
  if ('entitySlugs' in scope) {
    if (scope.entitySlugs.length === 0)
      return { sql: `AND (segment_key = ? OR ${FLEET_WIDE})`, params: [scope.segment] };
    return {
      sql: `AND (segment_key = ? OR entity_key IN (?) OR ${FLEET_WIDE})`,
      params: [scope.segment, scope.entitySlugs],
    };
  }
  return {
    sql: `AND (entity_key = ? OR (entity_key IS NULL AND segment_key = ?) OR ${FLEET_WIDE})`,
    params: [scope.entity, scope.segment],
  };
}

const toAnnotation = (row: EpisodeRow): Annotation => ({
  ts: row.starts_at,
  endTs: row.ends_at,
  open: row.ends_at === null,
  kind: 'alert',
  source: 'alert',
  title: row.summary ?? row.alertname,
  eventId: null,
  alertEpisodeId: row.id,
  url: row.generator_url,
  severity: row.severity,
  segment: row.segment_key,
  entity: row.entity_key,
});

/**
 * Alert episodes overlapping [from, to) as chart bands, oldest first: an episode still firing
 * (no end yet) is open and runs to now.
 */
export async function alertEpisodeAnnotations(
  conn: Queryable,
  scope: AlertEpisodeScope,
  from: number,
  to: number,
): Promise<Annotation[]> {
  const filter = scopeFilter(scope);
  const [rows] = await conn.query(
    `SELECT id, starts_at, ends_at, alertname, severity, summary, generator_url, segment_key,
            entity_key
       FROM alert_episodes
      WHERE starts_at < ? AND (ends_at IS NULL OR ends_at > ?) ${filter.sql}
      ORDER BY starts_at, id LIMIT ${MAX_EPISODES}`,
    [to, from, ...filter.params],
  );
  return allRows(rows, RowSchema.parse).map(toAnnotation);
}

/** One alert as stored: the episode key, what the chart shows, and the labels as sent. */
export interface EpisodeRecord {
  fingerprint: string;
  startsAt: number;
  alertname: string;
  severity: string | null;
  summary: string | null;
  labels: string;
  annotations: string | null;
  generatorUrl: string | null;
  segmentKey: string | null;
  entityKey: string | null;
}

const affected = (result: unknown) => (result as { affectedRows: number }).affectedRows;

function insertEpisode(conn: Queryable, episode: EpisodeRecord, endsAt: number | null) {
  // IGNORE: the (fingerprint, starts_at) key decides; an episode already stored (open or closed)
  // is left exactly as it is, so re-sends and the other Alertmanager of an HA pair change nothing.
  return conn.query(
    `INSERT IGNORE INTO alert_episodes
       (fingerprint, starts_at, ends_at, alertname, severity, summary, labels, annotations,
        generator_url, segment_key, entity_key, first_received_at, last_received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${DB_NOW_MS}, ${DB_NOW_MS})`,
    [
      episode.fingerprint,
      episode.startsAt,
      endsAt,
      episode.alertname,
      episode.severity,
      episode.summary,
      episode.labels,
      episode.annotations,
      episode.generatorUrl,
      episode.segmentKey,
      episode.entityKey,
    ],
  );
}

/** Opens the episode unless it is already stored; true when this call opened it. */
export async function openEpisode(conn: Queryable, episode: EpisodeRecord): Promise<boolean> {
  const [result] = await insertEpisode(conn, episode, null);
  return affected(result) === 1;
}

async function closeOpenEpisode(conn: Queryable, episode: EpisodeRecord, endsAt: number) {
  const [result] = await conn.query(
    `UPDATE alert_episodes SET ends_at = ?, last_received_at = ${DB_NOW_MS}
      WHERE fingerprint = ? AND starts_at = ? AND ends_at IS NULL`,
    [endsAt, episode.fingerprint, episode.startsAt],
  );
  return affected(result) === 1;
}

/**
 * Closes the episode at `endsAt`, storing it closed when its firing was never seen; true when this
 * call closed or stored it. A closed episode stays closed with its first end.
 */
export async function resolveEpisode(
  conn: Queryable,
  episode: EpisodeRecord,
  endsAt: number,
): Promise<boolean> {
  if (await closeOpenEpisode(conn, episode, endsAt)) return true;
  const [inserted] = await insertEpisode(conn, episode, endsAt);
  if (affected(inserted) === 1) return true;
  // A firing for this episode may have committed between the update and the insert.
  return closeOpenEpisode(conn, episode, endsAt);
}
