import os from 'node:os';
import type { DatasetInfo } from './dataset-marker.ts';
import { benchFleet } from './dataset-spec.ts';
import { cpuMsOf, databasePids } from './process-cpu.ts';
import { runSequenceLoad, type SequenceLoadResult } from './sequence-load.ts';
import { viewSequences, type FleetForViews, type ViewRequest } from './view-sequences.ts';

/** Walks per connection: 50 × 80 walks × 5 levels = 20,000 requests before any connection repeats one. */
const WALKS_PER_CONNECTION = 80;

export interface MeasuredSequences extends SequenceLoadResult {
  connections: number;
  /** CPU ms per measured request, of the server process and of the database server (null: /proc unreadable). */
  serverCpuMsPerRequest: number | null;
  dbCpuMsPerRequest: number | null;
  /** Load average (1 min) before and after the measured run: the database figure includes other users of the server. */
  loadBefore: number;
  loadAfter: number;
}

export interface LoadShape {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export function fleetForViews(info: DatasetInfo): FleetForViews {
  const segments = new Map<string, string[]>();
  for (const member of benchFleet(info.spec)) {
    const list = segments.get(member.segment) ?? [];
    list.push(member.entity);
    segments.set(member.segment, list);
  }
  return {
    startTs: info.startTs,
    endTs: info.endTs,
    segments: [...segments].map(([slug, entities]) => ({ slug, entities })),
  };
}

/** The server's clock minus this process's, from an answer's generatedAt (half the round trip off). */
export async function serverClockOffset(baseUrl: string, cookie: string): Promise<number> {
  const sent = Date.now();
  const response = await fetch(`${baseUrl}/api/v1/overview`, { headers: { cookie } });
  const body = (await response.json()) as { meta?: { generatedAt?: number } };
  const received = Date.now();
  const serverNow = Number(body.meta?.generatedAt);
  if (!Number.isFinite(serverNow)) throw new Error('overview answered without meta.generatedAt');
  return Math.round(serverNow - (sent + received) / 2);
}

/**
 * Runs the sequences against one server process (after the warm-up) and divides the CPU time that
 * process and the database server used during the measured run by the requests answered.
 */
export async function measureSequences(
  server: { url: string; pid: number; cookie: string; serverClockOffsetMs: number },
  sequences: ViewRequest[][],
  load: LoadShape,
): Promise<MeasuredSequences> {
  const dbPids = databasePids();
  const cpu = { server: 0, db: 0, loadBefore: 0, loadAfter: 0 };
  const result = await runSequenceLoad({
    baseUrl: server.url,
    cookie: server.cookie,
    sequences,
    serverClockOffsetMs: server.serverClockOffsetMs,
    warmupSeconds: load.warmupSeconds,
    seconds: load.seconds,
    onMeasured: {
      start() {
        cpu.loadBefore = os.loadavg()[0]!;
        cpu.server = -cpuMsOf([server.pid]);
        cpu.db = -cpuMsOf(dbPids);
      },
      end() {
        cpu.server += cpuMsOf([server.pid]);
        cpu.db += cpuMsOf(dbPids);
        cpu.loadAfter = os.loadavg()[0]!;
      },
    },
  });
  const perRequest = (value: number, known: boolean) =>
    known && result.requests > 0 ? value / result.requests : null;
  return {
    ...result,
    connections: sequences.length,
    serverCpuMsPerRequest: perRequest(cpu.server, server.pid > 0),
    dbCpuMsPerRequest: perRequest(cpu.db, dbPids.length > 0),
    loadBefore: cpu.loadBefore,
    loadAfter: cpu.loadAfter,
  };
}

/**
 * The distinct-views phase: each connection walks its own drill-down sequence (view-sequences.ts)
 * against one running BFF.
 */
export async function runDistinctViews(
  info: DatasetInfo,
  bff: { url: string; pid: number; cookie: string },
  load: LoadShape,
): Promise<MeasuredSequences> {
  const sequences = viewSequences(fleetForViews(info), load.connections, WALKS_PER_CONNECTION);
  const serverClockOffsetMs = await serverClockOffset(bff.url, bff.cookie);
  return measureSequences({ ...bff, serverClockOffsetMs }, sequences, load);
}
