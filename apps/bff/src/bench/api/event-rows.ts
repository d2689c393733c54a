import { latencyBucketIndex } from '@watchfloor/shared/metrics/latency-histogram';
import { kindCode } from '../../modules/ingest/event-codes.ts';
import type { DatasetSpec, FleetMember } from './dataset-spec.ts';

export interface ResolvedMember extends FleetMember {
  entityId: number;
  segmentId: number;
}

const MINUTE = 60_000;
const REQUEST = kindCode('request');
const JOB = kindCode('job');
const HEARTBEAT = kindCode('heartbeat');
const NULL = '\\N';

/** mulberry32: small, seeded, and the same sequence on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Generates `events` rows as LOAD DATA text (tab-separated, \N for NULL), minute by minute, in
 * time order so auto-increment ids follow ts. Traffic has a daily swing of ±35 %; the firehose
 * takes its share of every minute; 85 % requests, 5 % jobs (1 % errors, log-normal latency),
 * 10 % heartbeats (a gauge value on some entities).
 */
export class EventRowGenerator {
  private readonly random: () => number;
  private readonly firehose: ResolvedMember;
  private readonly ordinary: ResolvedMember[];
  private readonly cumulative: Float64Array;
  private sequence = 0;
  readonly averagePerMinute: number;

  constructor(
    private readonly spec: DatasetSpec,
    members: ResolvedMember[],
    firehoseSlug: string,
  ) {
    this.random = seeded(spec.seed);
    const firehose = members.find((m) => m.entity === firehoseSlug);
    if (!firehose) throw new Error(`fleet has no firehose entity ${firehoseSlug}`);
    this.firehose = firehose;
    this.ordinary = members.filter((m) => m !== firehose);
    this.cumulative = new Float64Array(this.ordinary.length);
    let sum = 0;
    this.ordinary.forEach((m, i) => (this.cumulative[i] = sum += m.weight));
    for (let i = 0; i < this.cumulative.length; i += 1) this.cumulative[i]! /= sum;
    this.averagePerMinute = spec.totalEvents / (spec.days * 1_440);
  }

  /** Events in the minute starting at minuteTs (UTC time of day sets the daily swing). */
  countFor(minuteTs: number): number {
    const dayFraction = (minuteTs % 86_400_000) / 86_400_000;
    return Math.round(this.averagePerMinute * (1 + 0.35 * Math.sin(2 * Math.PI * dayFraction)));
  }

  /** One minute of rows, and the entity ids it touched (for rollup_dirty). */
  minute(minuteTs: number): { text: string; count: number; entityIds: Set<number> } {
    const count = this.countFor(minuteTs);
    const picks: { ts: number; member: ResolvedMember }[] = new Array(count);
    for (let i = 0; i < count; i += 1)
      picks[i] = { ts: minuteTs + Math.floor(this.random() * MINUTE), member: this.pick() };
    picks.sort((a, b) => a.ts - b.ts);
    const entityIds = new Set<number>();
    let text = '';
    for (const { ts, member } of picks) {
      entityIds.add(member.entityId);
      text += this.line(ts, member);
    }
    return { text, count, entityIds };
  }

  private pick(): ResolvedMember {
    const draw = this.random();
    if (draw < this.spec.firehoseShare) return this.firehose;
    const target = (draw - this.spec.firehoseShare) / (1 - this.spec.firehoseShare);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.ordinary[lo]!;
  }

  private line(ts: number, member: ResolvedMember): string {
    this.sequence += 1;
    const id = `api-${String(this.sequence).padStart(9, '0')}`;
    const head = `${id}\t${ts}\t${member.segmentId}\t${member.entityId}\t`;
    const tail = `\t${NULL}\t${NULL}\t${ts + 400}\n`;
    const draw = this.random();
    if (draw < 0.1) {
      const value = member.gauge ? String(Math.round(this.random() * 1_000) / 10) : NULL;
      return `${head}${HEARTBEAT}\t0\t${NULL}\t${NULL}\t${NULL}\t${value}${tail}`;
    }
    const failed = this.random() < 0.01;
    const normal =
      Math.sqrt(-2 * Math.log(Math.max(this.random(), 1e-12))) *
      Math.cos(2 * Math.PI * this.random());
    const latency = Math.max(0.1, Math.round(member.medianMs * Math.exp(0.6 * normal) * 10) / 10);
    const kind = draw < 0.15 ? JOB : REQUEST;
    return `${head}${kind}\t${failed ? 1 : 0}\t${failed ? 'UpstreamTimeout' : NULL}\t${latency}\t${latencyBucketIndex(latency)}\t${NULL}${tail}`;
  }
}
