import { DAY_MS } from './density.ts';
import type { FleetEntity } from './fleet.ts';
import { Rng, hashInts, hashString } from './prng.ts';
import type { ScriptedDeploy } from './scenario-faults.ts';

const STREAM_DEPLOY = 4;
const DEPLOY_PROBABILITY = 0.45;

/**
 * Uneventful deploys on some working days during local office hours, so the scripted regression's
 * deploy marker is one among many, as it would be in a real fleet. Versions never reuse a scripted
 * one: the patch number is never zero.
 */
export function routineDeploys(
  seed: number,
  fleet: readonly FleetEntity[],
  fromMs: number,
  toMs: number,
): ScriptedDeploy[] {
  const bySegment = new Map<string, FleetEntity[]>();
  for (const entity of fleet) {
    if (entity.kind === 'host') continue;
    const list = bySegment.get(entity.segment.slug) ?? [];
    list.push(entity);
    bySegment.set(entity.segment.slug, list);
  }
  const rng = new Rng();
  const deploys: ScriptedDeploy[] = [];
  for (let day = Math.floor(fromMs / DAY_MS) - 1; day <= Math.floor(toMs / DAY_MS) + 1; day += 1) {
    for (const [slug, entities] of bySegment) {
      const segmentHash = hashString(slug);
      rng.reseed(hashInts(seed, segmentHash, STREAM_DEPLOY, day));
      if (rng.next() >= DEPLOY_PROBABILITY) continue;
      const offsetHours = entities[0]?.segment.utcOffsetHours ?? 0;
      const ts = Math.round(day * DAY_MS + (9.5 + 7 * rng.next() - offsetHours) * 3_600_000);
      const weekday = new Date(ts + offsetHours * 3_600_000).getUTCDay();
      const entity = rng.pick(entities);
      if (weekday === 0 || weekday === 6 || ts < fromMs || ts >= toMs) continue;
      const version = `v${1 + (segmentHash % 3)}.${(segmentHash >>> 4) % 30}.${1 + (((day % 97) + 97) % 97)}`;
      deploys.push({ entity: entity.slug, ts, version, message: `deploy ${version}` });
    }
  }
  return deploys;
}
