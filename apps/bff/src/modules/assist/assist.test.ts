import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssistAnswerSchema, type AssistAnswer } from '@watchfloor/shared/assist';
import type { IngestEventInput } from '@watchfloor/shared/ingest';
import { drain } from '../../testing/rollup-truth.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';

let db: TestDatabase;
let t: TestApp;
// Event times are the process clock's: ingest and data quality judge event times by it.
const now = Date.now();
const MINUTE = 60_000;
const window = { from: now - 20 * MINUTE, to: now };
const entity = (segment: string, i: number) => `${segment}-e${i}`;

/**
 * One request per entity every 30 s over the last 40 minutes. In "pay", pay-e2 fails every
 * request of the last 20 minutes with DbTimeout; in "calm", calm-e3 went quiet 15 minutes ago.
 */
function traffic(): IngestEventInput[] {
  const events: IngestEventInput[] = [];
  const start = Math.floor((now - 40 * MINUTE) / 30_000) * 30_000;
  for (let ts = start; ts < now - 1_000; ts += 30_000) {
    for (let i = 0; i < 6; i++) {
      const failing = i === 2 && ts >= window.from;
      events.push({
        id: `${entity('pay', i)}-${ts}`,
        ts,
        segment: 'pay',
        entity: entity('pay', i),
        kind: 'request',
        status: failing ? 'error' : 'ok',
        ...(failing ? { errorClass: 'DbTimeout' } : {}),
        latencyMs: 20 + i,
      });
    }
    for (let i = 0; i < 4; i++) {
      if (i === 3 && ts >= now - 15 * MINUTE) continue;
      events.push({
        id: `${entity('calm', i)}-${ts}`,
        ts,
        segment: 'calm',
        entity: entity('calm', i),
        kind: 'request',
        status: 'ok',
        latencyMs: 30,
      });
    }
  }
  return events;
}

const whyPath = (query: string) => `/api/v1/assist/why?${query}`;
const windowQuery = `from=${window.from}&to=${window.to}`;

async function ask(query: string, user: Parameters<TestApp['get']>[1] = 'operator') {
  const response = await t.get(whyPath(query), user);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as unknown };
}

const answerOf = (body: unknown): AssistAnswer =>
  AssistAnswerSchema.parse((body as { data: unknown }).data);

const count = async (table: string) =>
  Number(((await db.pool.query(`SELECT COUNT(*) AS n FROM ${table}`))[0] as { n: number }[])[0]!.n);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const events = traffic();
  for (let i = 0; i < events.length; i += 2_000) {
    const response = await t.ingest(events.slice(i, i + 2_000));
    expect(response.status).toBe(200);
  }
  await drain(t.newWorker({ workerId: 'assist-test' }));
});
afterAll(async () => db?.drop());

describe('GET /api/v1/assist/why', () => {
  it('names the bad entity of a segment, with evidence linked at the window, and stores the answer', async () => {
    const { status, body } = await ask(`scope=segment&id=pay&${windowQuery}`);
    expect(status).toBe(200);
    const answer = answerOf(body);
    expect(answer.status).toBe('ok');
    expect(answer.refusal).toBeUndefined();
    expect(answer.createdBy).toBe('operator');
    expect(answer.window).toEqual(window);
    expect(answer.baseline).toEqual({
      from: window.from - 20 * MINUTE,
      to: window.from,
      chosen: false,
    });
    expect(answer.inputs.length).toBeGreaterThan(0);
    const [top] = answer.findings;
    expect(top).toBeDefined();
    expect(top!.interesting).toBe(true);
    expect(top!.subject).toEqual({ kind: 'entity', id: 'pay-e2' });
    // The culprit's finding says what fails there, linked to those raw events.
    expect(top!.message).toContain('mostly DbTimeout');
    expect(
      top!.evidence.some((e) => e.source === 'rollup_error_classes' && e.link.startsWith('/')),
    ).toBe(true);
    expect(answer.findings.some((f) => f.subject?.id === 'DbTimeout')).toBe(true);
    expect(top!.evidence.length).toBeGreaterThan(0);
    for (const evidence of top!.evidence) {
      expect(evidence.link).toMatch(/^\/segments\/pay/);
      expect(evidence.link).toContain(`from=${evidence.window.from}`);
      expect(evidence.link).toContain(`to=${evidence.window.to}`);
    }
  });

  it('serves a stored answer later byte for byte', async () => {
    const asked = await ask(`scope=segment&id=pay&${windowQuery}`);
    const { id } = answerOf(asked.body);
    const later = await t.get(`/api/v1/assist/${id}`);
    expect(later.status).toBe(200);
    expect(await later.text()).toBe(asked.text);
  });

  it('hashes its inputs: the same question on the same data gives the same hash, another scope another', async () => {
    const first = answerOf((await ask(`scope=segment&id=pay&${windowQuery}`)).body);
    const second = answerOf((await ask(`scope=segment&id=pay&${windowQuery}`)).body);
    const entity = answerOf((await ask(`scope=entity&id=pay-e2&${windowQuery}`)).body);
    expect(second.id).not.toBe(first.id);
    expect(second.inputsHash).toBe(first.inputsHash);
    expect(entity.status).toBe('ok');
    expect(entity.inputsHash).not.toBe(first.inputsHash);
  });

  it('refuses, with the quality reasons, when the scope has a silent entity; the refusal is stored too', async () => {
    const { status, body, text } = await ask(`scope=segment&id=calm&${windowQuery}`);
    expect(status).toBe(200);
    const answer = answerOf(body);
    expect(answer.status).toBe('refused');
    expect(answer.findings).toEqual([]);
    expect(answer.similar).toEqual([]);
    expect(answer.refusal?.quality.state).not.toBe('ok');
    expect(
      answer.refusal?.quality.reasons.filter((r) => r.severity !== 'ok').map((r) => r.code),
    ).toContain('silent');
    expect(answer.refusal?.message).toMatch(/unsafe|degraded/);
    const later = await t.get(`/api/v1/assist/${answer.id}`);
    expect(await later.text()).toBe(text);
  });

  it('answers 422 naming the field of a bad question', async () => {
    const field = async (query: string) => {
      const { status, body } = await ask(query);
      expect(status).toBe(422);
      return (body as { error: { details: { field: string }[] } }).error.details.map(
        (d) => d.field,
      );
    };
    expect(await field(`scope=segment&${windowQuery}`)).toContain('id');
    expect(await field(`scope=fleet&from=${window.to}&to=${window.from}`)).toContain('to');
    expect(await field(`scope=galaxy&${windowQuery}`)).toContain('scope');
  });

  it('answers 404 for an unknown segment', async () => {
    expect((await ask(`scope=segment&id=nowhere&${windowQuery}`)).status).toBe(404);
  });
});

describe('GET /api/v1/assist/:id', () => {
  it('answers 404 for an unknown or malformed id', async () => {
    expect((await t.get('/api/v1/assist/as_000000000000000000000000')).status).toBe(404);
    expect((await t.get('/api/v1/assist/not-an-id')).status).toBe(404);
  });

  it('lets a manager read; refuses a request without a session with 401', async () => {
    const asked = await ask(`scope=segment&id=pay&${windowQuery}`, 'manager');
    expect(asked.status).toBe(200);
    const { id } = answerOf(asked.body);
    expect((await t.get(`/api/v1/assist/${id}`, 'approver')).status).toBe(200);
    expect((await t.app.request(`/api/v1/assist/${id}`)).status).toBe(401);
    expect((await t.app.request(whyPath(`scope=fleet&${windowQuery}`))).status).toBe(401);
  });
});

describe('it never acts', () => {
  it('serves reads only: no assist route accepts POST, PUT, PATCH or DELETE', async () => {
    const assistRoutes = t.app.routes.filter((r) => r.path.startsWith('/api/v1/assist'));
    expect(assistRoutes.length).toBeGreaterThan(0);
    expect(new Set(assistRoutes.map((r) => r.method))).toEqual(new Set(['GET']));
    const cookie = await t.cookieFor('admin');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      for (const route of [
        '/api/v1/assist/why?scope=fleet',
        '/api/v1/assist/as_000000000000000000000000',
      ]) {
        const response = await t.app.request(route, {
          method,
          headers: { cookie, 'content-type': 'application/json' },
          body: '{}',
        });
        expect([403, 404, 405], `${method} ${route}`).toContain(response.status);
      }
  });

  it('creates no action and no audit record when it answers', async () => {
    const [actions, audit, answers] = await Promise.all([
      count('actions'),
      count('audit_log'),
      count('assist_answers'),
    ]);
    expect((await ask(`scope=segment&id=pay&${windowQuery}`)).status).toBe(200);
    expect((await ask(`scope=fleet&${windowQuery}`)).status).toBe(200);
    expect(await count('actions')).toBe(actions);
    expect(await count('audit_log')).toBe(audit);
    expect(await count('assist_answers')).toBe(answers + 2);
  });

  it('keeps answers append-only: the module runs no UPDATE or DELETE', async () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const writes: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(dir, file), 'utf8');
      if (/\b(UPDATE|DELETE|REPLACE|TRUNCATE)\b\s/.test(source)) writes.push(file);
    }
    expect(writes).toEqual([]);
  });
});

describe('minutes rolled up before error classes were kept', () => {
  it('ranks no error class over part of the window, and says why', async () => {
    // As on a database upgraded to the breakdown: its older minutes have none.
    await db.pool.query(
      `DELETE b FROM rollup_breakdown_1m b JOIN segments s ON s.id = b.scope_id
        WHERE b.scope_kind = 2 AND s.slug = 'pay' AND b.bucket_ts < ?`,
      [window.from + 10 * MINUTE],
    );
    const answer = answerOf((await ask(`scope=segment&id=pay&${windowQuery}`)).body);
    expect(answer.status).toBe('ok');
    expect(answer.findings[0]!.subject).toEqual({ kind: 'entity', id: 'pay-e2' });
    expect(answer.findings.some((f) => f.subject?.kind === 'error_class')).toBe(false);
    expect(answer.findings.map((f) => f.title)).toContain(
      'Error classes and event kinds not compared',
    );
  });
});
