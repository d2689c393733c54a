import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import type { Pool } from '../../apps/bff/src/db/pool.ts';
import { createIngestToken } from '../../apps/bff/src/modules/auth/ingest-token.service.ts';

/**
 * Sends a journey's own traffic through the public ingest API, for a segment no other test
 * touches, so what a page shows follows from exactly these events.
 */
const MINUTE = 60_000;
const BATCH = 5_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface IngestEvent {
  id: string;
  ts: number;
  segment: string;
  entity: string;
  kind: 'request';
  status: 'ok' | 'error';
  errorClass?: string;
  latencyMs: number;
}

/** A slug no earlier run used: `late-lx3k9a-4f2c1d`. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export const floorMinute = (ts: number) => Math.floor(ts / MINUTE) * MINUTE;

/**
 * An ingest token for this run: WATCHFLOOR_E2E_INGEST_TOKEN, else a token of the journey's own
 * created in the e2e database (as `npm run token:create` does), else the demo token `npm start`
 * keeps in .data. Null when none of these is available.
 */
export async function ingestToken(pool: Pool | null, name: string): Promise<string | null> {
  if (process.env.WATCHFLOOR_E2E_INGEST_TOKEN) return process.env.WATCHFLOOR_E2E_INGEST_TOKEN;
  if (pool) return createIngestToken(pool, name);
  try {
    return readFileSync(path.join(root, '.data', 'demo-ingest-token'), 'utf8').trim();
  } catch {
    return null;
  }
}

interface TrafficPlan {
  segment: string;
  entities: readonly string[];
  from: number;
  /** Exclusive; events later than this (or than now) are not made. */
  to: number;
  perMinute: number;
  /** Share of each minute's requests that fail, by minute start. */
  errorShare: (minute: number) => number;
}

/** Requests spread evenly over each minute, round-robin over the entities, failures spread too. */
export function requestEvents(plan: TrafficPlan): IngestEvent[] {
  const events: IngestEvent[] = [];
  const last = Math.min(plan.to, Date.now());
  for (let minute = floorMinute(plan.from); minute < last; minute += MINUTE) {
    const failing = Math.round(plan.perMinute * plan.errorShare(minute));
    for (let i = 0; i < plan.perMinute; i++) {
      const ts = minute + Math.floor((i * MINUTE) / plan.perMinute);
      if (ts < plan.from || ts >= last) continue;
      // Exactly `failing` failures, spread evenly over the minute rather than bunched at its start.
      const error =
        Math.floor(((i + 1) * failing) / plan.perMinute) >
        Math.floor((i * failing) / plan.perMinute);
      events.push({
        id: `${plan.segment}-${ts}-${i}`,
        ts,
        segment: plan.segment,
        entity: plan.entities[i % plan.entities.length]!,
        kind: 'request',
        status: error ? 'error' : 'ok',
        ...(error ? { errorClass: 'upstream_timeout' } : {}),
        latencyMs: 40 + (i % 7) * 10,
      });
    }
  }
  return events;
}

/** POSTs the events in batches the API accepts and checks every one was accepted. */
export async function ingest(
  baseURL: string,
  token: string,
  events: readonly IngestEvent[],
): Promise<void> {
  for (let start = 0; start < events.length; start += BATCH) {
    const batch = events.slice(start, start + BATCH);
    const response = await fetch(new URL('/api/v1/ingest/events', baseURL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ events: batch }),
    });
    expect(response.status, `ingest answered ${response.status}`).toBe(200);
    const body = (await response.json()) as {
      data: { accepted: number; duplicates: number; rejected: unknown[] };
    };
    expect(body.data.rejected).toEqual([]);
    expect(body.data.accepted + body.data.duplicates).toBe(batch.length);
  }
}
