import { WhyQuerySchema, type AssistAnswer } from '@watchfloor/shared/assist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../logger.ts';
import { drain } from '../../../testing/rollup-truth.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { DEFAULT_ALERTING_CONFIG } from '../../alerts/alerting-config.ts';
import { receiveAlerts } from '../../alerts/alert-webhook.service.ts';
import { ingestChanges } from '../../changes/changes.service.ts';
import { ingestEvents, type IngestDeps } from '../../ingest/ingest.service.ts';
import { Registry } from '../../ingest/registry.ts';
import { RollupWorker } from '../../rollups/rollup.worker.ts';
import { updateSegmentMetadata } from '../../simulator/simulation.repository.ts';
import { answerWhy } from '../assist.service.ts';
import { INCIDENT_SHAPES } from './incident-shapes.ts';
import { shapeEntity, shapeTiming, type ExpectedTop, type IncidentShape } from './shape-model.ts';
import {
  shapeAlertNotifications,
  shapeChanges,
  shapeEvents,
  shapeFleet,
  shapeSegment,
} from './shape-events.ts';

/**
 * Every labelled shape through the whole path: the simulator's events through the ingest
 * service, changes and alerts through theirs, the rollup worker to completion, then "Why?" from
 * the assist service. All shapes share one database and one window; each has its own segment and
 * is asked only about that segment (or one of its entities), so none can see another.
 *
 * The anchor is fixed, so the simulator's draws (keyed by time) and the answers are the same on
 * every run; `now` is injected as two minutes after it.
 */
const ANCHOR = Date.UTC(2026, 2, 11, 14, 0);
const NOW = ANCHOR + 2 * 60_000;
/** Long enough that the fixed anchor stays inside retention for years. */
const RETENTION_DAYS = 3_650;

let db: TestDatabase;
const verdicts = new Map<string, boolean>();

async function ingestShape(deps: IngestDeps, shape: IncidentShape, batches: unknown[][]) {
  for (const batch of batches) {
    const result = await ingestEvents(deps, batch);
    expect(result.rejected, shape.name).toEqual([]);
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  const registry = new Registry(db.pool, { maxSegments: 100, maxEntities: 1_000 });
  const deps: IngestDeps = { pool: db.pool, registry, retentionDays: RETENTION_DAYS };
  const late: [IncidentShape, unknown[][]][] = [];
  for (const shape of INCIDENT_SHAPES) {
    const fleet = shapeFleet(shape, ANCHOR);
    await registry.resolve(
      fleet.map((e) => ({ segment: e.segment.slug, entity: e.slug, entityKind: e.kind })),
      Date.now(),
    );
    await updateSegmentMetadata(db.pool, shapeSegment(shape, ANCHOR));
    const events = shapeEvents(shape, ANCHOR);
    await ingestShape(deps, shape, events.onTime);
    late.push([shape, events.late]);

    const changes = shapeChanges(shape, ANCHOR);
    if (changes.length > 0) {
      const stored = await ingestChanges({ pool: db.pool, retentionDays: RETENTION_DAYS }, changes);
      expect(stored.accepted, shape.name).toBe(changes.length);
    }
    for (const webhook of shapeAlertNotifications(shape, ANCHOR)) {
      const result = await receiveAlerts(
        { pool: db.pool, alerting: DEFAULT_ALERTING_CONFIG },
        webhook,
      );
      expect(result.rejected, shape.name).toEqual([]);
    }
  }
  await drain(
    new RollupWorker({ pool: db.pool, logger: createLogger('silent'), batchSize: 50_000 }),
  );
  // Late events arrive after the worker has caught up, and wait for its next run.
  for (const [shape, batches] of late) await ingestShape(deps, shape, batches);
}, 300_000);

afterAll(async () => {
  const right = [...verdicts.values()].filter(Boolean).length;
  console.log(`assist shapes: ${right}/${INCIDENT_SHAPES.length} top findings right`);
  await db?.drop();
});

async function ask(shape: IncidentShape): Promise<AssistAnswer> {
  const t = shapeTiming(ANCHOR);
  const query = WhyQuerySchema.parse({
    scope: shape.ask.scope,
    id: shape.ask.scope === 'segment' ? shape.segment : shapeEntity(shape, shape.ask.entity),
    // As the query string carries them.
    from: String(t.windowFrom),
    to: String(t.windowTo),
  });
  const { answer } = await answerWhy({ pool: db.pool, now: () => NOW }, query, 'operator');
  return answer;
}

/** An alert finding names its episode by id; the label says whose alert it is. */
async function subjectLabel(subject: { kind: string; id: string }): Promise<string> {
  if (subject.kind !== 'alert') return subject.id;
  const [rows] = await db.pool.query('SELECT entity_key FROM alert_episodes WHERE id = ?', [
    Number(subject.id),
  ]);
  return (rows as { entity_key: string | null }[])[0]?.entity_key ?? `episode ${subject.id}`;
}

/** The segment's requests in the window over those in the baseline, as the answer cites them. */
function trafficRise(answer: AssistAnswer, segment: string): number {
  const requests = (from: number) =>
    answer.findings
      .flatMap((f) => f.evidence)
      .find((e) => e.figure === 'requests' && e.scope.id === segment && e.window.from === from)
      ?.value ?? 0;
  return requests(answer.window.from) / Math.max(1, requests(answer.baseline.from));
}

/** What the answer led with, in the words of the expectations. */
async function describeTop(answer: AssistAnswer): Promise<string> {
  if (answer.status === 'refused')
    return `refused: ${answer.refusal?.quality.reasons.map((r) => `${r.code} (${r.message})`).join('; ')}`;
  const top = answer.findings[0];
  if (!top?.interesting) return 'nothing interesting';
  const subject = top.subject ? `${top.subject.kind} ${await subjectLabel(top.subject)}` : '-';
  return `${top.check} about ${subject}${answer.similar.length > 0 ? `, similar to ${answer.similar.length} past` : ''}`;
}

async function isRight(shape: IncidentShape, answer: AssistAnswer): Promise<boolean> {
  const expected: ExpectedTop = shape.expected;
  if (expected.outcome === 'refusal')
    return (
      answer.status === 'refused' &&
      (answer.refusal?.quality.reasons ?? []).some(
        (r) => r.code === expected.reason && r.message.includes(expected.mentions),
      )
    );
  if (answer.status !== 'ok') return false;
  if (expected.outcome === 'nothing')
    return (
      answer.findings.every((f) => !f.interesting) &&
      trafficRise(answer, shape.segment) >= expected.trafficRise
    );
  const top = answer.findings[0];
  if (!top?.interesting || top.check !== expected.check || !top.subject) return false;
  const ids = typeof expected.subject.id === 'string' ? [expected.subject.id] : expected.subject.id;
  const rightSubject =
    top.subject.kind === expected.subject.kind && ids.includes(await subjectLabel(top.subject));
  const rightSimilar = !expected.similar || answer.similar.some((s) => s.segment === shape.segment);
  return rightSubject && rightSimilar;
}

describe('"Why?" on the labelled incident shapes', () => {
  it('has at least twelve shapes, each on a segment of its own', () => {
    expect(INCIDENT_SHAPES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(INCIDENT_SHAPES.map((s) => s.segment)).size).toBe(INCIDENT_SHAPES.length);
  });

  for (const shape of INCIDENT_SHAPES)
    it(`${shape.name}: ${JSON.stringify(shape.expected)}`, async () => {
      const answer = await ask(shape);
      const right = await isRight(shape, answer);
      verdicts.set(shape.name, right);
      expect(right, `${shape.story} The answer led with: ${await describeTop(answer)}`).toBe(true);
      // Whatever it says, it says it about this shape only.
      const own = new Set([shape.segment, ...shapeFleet(shape, ANCHOR).map((e) => e.slug)]);
      const cited = answer.findings.flatMap((f) => f.evidence.map((e) => e.scope.id ?? 'fleet'));
      expect(cited.filter((id) => !own.has(id))).toEqual([]);
      expect(answer.similar.every((s) => s.segment === shape.segment)).toBe(true);
    });
});
