import type { IngestEventInput } from '@watchfloor/shared/ingest';
import type { ActionType } from '@watchfloor/shared/actions/catalogue';
import { drain } from '../../../testing/rollup-truth.ts';
import type { TestApp } from '../../../testing/test-app.ts';

export interface SegmentLayout {
  segment: string;
  entities: number;
  kind?: 'service' | 'worker' | 'pipeline';
}

export const entityName = (segment: string, index: number) => `${segment}-e${index}`;

/**
 * Steady, error-free traffic (one request per entity every 30 s) over the last `minutes`, rolled
 * up, so the fleet's data quality is ok. Re-sending is harmless: event ids repeat.
 */
export async function sendTraffic(
  t: TestApp,
  layout: SegmentLayout[],
  minutes = 20,
): Promise<void> {
  // Event times are the process clock's: ingest and data quality judge event times by it.
  const now = Date.now();
  const start = Math.floor((now - minutes * 60_000) / 30_000) * 30_000;
  const events: IngestEventInput[] = [];
  for (let ts = start; ts < now - 1_000; ts += 30_000) {
    for (const { segment, entities, kind = 'service' } of layout) {
      for (let i = 0; i < entities; i++) {
        const entity = entityName(segment, i);
        events.push({
          id: `${entity}-${ts}`,
          ts,
          segment,
          entity,
          kind: 'request',
          status: 'ok',
          latencyMs: 20 + i,
          attrs: { entityKind: kind },
        });
      }
    }
  }
  for (let i = 0; i < events.length; i += 2_000) {
    const response = await t.ingest(events.slice(i, i + 2_000));
    if (response.status !== 200) throw new Error(`ingest failed: ${response.status}`);
  }
  await drain(t.newWorker({ workerId: `fixture-${now}` }));
}

const EVIDENCE = {
  viewUrl: '/segments/seg/entities/ent?from=1&to=2',
  window: { from: 1_000, to: 2_000 },
  figures: { errorRatio: 0.12, p95Ms: 840 },
  watermark: null,
  quality: { state: 'ok' as const, completeness: 1 },
};

/** A valid proposal body for `type` on an entity (or, for scale_segment, a segment). */
export function proposal(
  type: ActionType,
  targetId: string,
  extra: { params?: Record<string, unknown>; dryRun?: boolean; rationale?: string } = {},
) {
  return {
    type,
    target: { kind: type === 'scale_segment' ? 'segment' : 'entity', id: targetId },
    params: extra.params ?? {},
    rationale:
      extra.rationale ?? 'Error ratio has been above the SLO for ten minutes on this target.',
    evidence: EVIDENCE,
    ...(extra.dryRun === undefined ? {} : { dryRun: extra.dryRun }),
  };
}

export interface ActionBody {
  data: {
    id: number;
    state: string;
    failureReason: string | null;
    approvers: string[];
    targets: { entity: string; state: string }[];
    policy?: { passed: boolean };
  };
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
