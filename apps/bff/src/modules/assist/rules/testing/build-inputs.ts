import type { Annotation } from '@watchfloor/shared/annotations';
import type { AssistScope, AssistWindow } from '@watchfloor/shared/assist';
import type { EventKind } from '@watchfloor/shared/ingest';
import type {
  AssistInputs,
  BreakdownSlice,
  Compared,
  Figures,
  Mark,
  Member,
  Minute,
  PastIncident,
} from '../inputs.ts';
import type { LinkBuilder } from '../links.ts';

/** Hand-built inputs for the rules' tests: a one-hour window after a one-hour baseline. */
export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 11, 5, 12, 0);
export const WINDOW: AssistWindow = { from: T0, to: T0 + 60 * MINUTE };
export const BASELINE = { from: T0 - 60 * MINUTE, to: T0, chosen: false };
export const SEGMENT = 'checkout-eu';

export const links: LinkBuilder = {
  scope: (scope, w) => `/${scope.kind}${scope.id ? `/${scope.id}` : ''}?from=${w.from}&to=${w.to}`,
  events: (scope, w, filter) =>
    `/events?${scope.kind}=${scope.id ?? ''}&from=${w.from}&to=${w.to}` +
    (filter?.status ? `&status=${filter.status}` : '') +
    (filter?.errorClass ? `&errorClass=${filter.errorClass}` : '') +
    (filter?.kind ? `&kind=${filter.kind}` : ''),
};

/** Traffic with a mean latency and a p95 of twice that; no requests, no latency. */
export function fig(requests: number, errors: number, meanMs = 100, p95Ms = meanMs * 2): Figures {
  return {
    events: requests,
    requests,
    errors,
    latencyCount: requests,
    latencySum: requests * meanMs,
    p95Ms: requests > 0 ? p95Ms : null,
  };
}

export const NORMAL = (): Compared => ({ now: fig(600, 3), before: fig(600, 3) });

export function entity(slug: string, c: Compared = NORMAL(), segment = SEGMENT): Member {
  return { kind: 'entity', slug, segment, ...c };
}

export function segmentMember(slug: string, c: Compared): Member {
  return { kind: 'segment', slug, ...c };
}

/** checkout-eu-1 … checkout-eu-n, normal unless overridden. */
export function entities(n: number, overrides: Record<number, Compared> = {}): Member[] {
  return Array.from({ length: n }, (_, i) => entity(`${SEGMENT}-${i + 1}`, overrides[i + 1]));
}

export function sum(figures: Figures[]): Figures {
  const total = figures.reduce(
    (a, f) => ({
      events: a.events + f.events,
      requests: a.requests + f.requests,
      errors: a.errors + f.errors,
      latencyCount: a.latencyCount + f.latencyCount,
      latencySum: a.latencySum + f.latencySum,
      p95Ms: Math.max(a.p95Ms ?? 0, f.p95Ms ?? 0),
    }),
    fig(0, 0),
  );
  return { ...total, p95Ms: total.latencyCount > 0 ? total.p95Ms : null };
}

export const total = (members: Member[]): Compared => ({
  now: sum(members.map((m) => m.now)),
  before: sum(members.map((m) => m.before)),
});

type Side = { events: number; errors: number; latencyCount: number; latencySum: number };
const side = (events: number, errors: number, meanMs: number): Side => ({
  events,
  errors,
  latencyCount: events,
  latencySum: events * meanMs,
});

/**
 * The scope's kind × error class slices from its totals: errors are split by the classes given
 * (the rest are `Internal`), the ok events carry errorClass ''.
 */
export function breakdownOf(
  self: Compared,
  classes: Record<string, { now: number; before: number }> = {},
  kind: EventKind = 'request',
): BreakdownSlice[] {
  const named = Object.values(classes);
  const rest = {
    now: self.now.errors - named.reduce((a, c) => a + c.now, 0),
    before: self.before.errors - named.reduce((a, c) => a + c.before, 0),
  };
  const meanNow = self.now.latencyCount > 0 ? self.now.latencySum / self.now.latencyCount : 0;
  const meanBefore =
    self.before.latencyCount > 0 ? self.before.latencySum / self.before.latencyCount : 0;
  const slices: BreakdownSlice[] = [
    {
      kind,
      errorClass: '',
      now: side(self.now.requests - self.now.errors, 0, meanNow),
      before: side(self.before.requests - self.before.errors, 0, meanBefore),
    },
  ];
  for (const [errorClass, c] of [...Object.entries(classes), ['Internal', rest] as const])
    if (c.now > 0 || c.before > 0)
      slices.push({
        kind,
        errorClass,
        now: side(c.now, c.now, meanNow),
        before: side(c.before, c.before, meanBefore),
      });
  return slices;
}

/** 60 minutes: `requests` a minute, `errors` before the onset minute and `badErrors` from it. */
export function minutes(opts: {
  requests: number;
  errors: number;
  badErrors?: number;
  meanMs?: number;
  badMeanMs?: number;
  onsetMinute?: number;
}): Minute[] {
  const onset = opts.onsetMinute ?? 60;
  return Array.from({ length: 60 }, (_, i) => {
    const bad = i >= onset;
    const mean = bad ? (opts.badMeanMs ?? opts.meanMs ?? 100) : (opts.meanMs ?? 100);
    return {
      ts: T0 + i * MINUTE,
      requests: opts.requests,
      errors: bad ? (opts.badErrors ?? opts.errors) : opts.errors,
      latencyCount: opts.requests,
      latencySum: opts.requests * mean,
    };
  });
}

export function mark(
  annotation: Partial<Annotation> & Pick<Annotation, 'ts' | 'kind' | 'title'>,
  where: { segment?: string | null; entity?: string | null } = { segment: SEGMENT },
): Mark {
  return {
    annotation: { eventId: null, ...annotation },
    segment: where.segment ?? null,
    entity: where.entity ?? null,
  };
}

export function pastIncident(p: Partial<PastIncident> & Pick<PastIncident, 'start'>): PastIncident {
  return {
    segment: SEGMENT,
    end: p.start + 40 * MINUTE,
    ongoing: false,
    requests: 4800,
    errors: 150,
    entities: [],
    errorClasses: [],
    shape: 'errors',
    actions: [],
    ...p,
  };
}

/** A segment (or fleet / entity) scope whose own figures are the sum of its members unless given. */
export function inputsFor(opts: {
  scope?: AssistScope;
  members: Member[];
  self?: Compared;
  segmentOfEntity?: string;
  classes?: Record<string, { now: number; before: number }>;
  breakdown?: BreakdownSlice[];
  minutes?: Minute[];
  marks?: Mark[];
  pastIncidents?: PastIncident[];
  incidentsLast30Days?: number;
}): AssistInputs {
  const self = opts.self ?? total(opts.members);
  return {
    scope: opts.scope ?? { kind: 'segment', id: SEGMENT },
    ...(opts.segmentOfEntity ? { segmentOfEntity: opts.segmentOfEntity } : {}),
    window: WINDOW,
    baseline: BASELINE,
    self,
    members: opts.members,
    breakdown: opts.breakdown ?? breakdownOf(self, opts.classes),
    minutes: opts.minutes ?? [],
    baselinePerMinute: {
      requests: self.before.requests,
      errors: self.before.errors,
      latencyCount: self.before.latencyCount,
      latencySum: self.before.latencySum,
    },
    marks: opts.marks ?? [],
    pastIncidents: opts.pastIncidents ?? [],
    incidentsLast30Days: opts.incidentsLast30Days ?? 0,
  };
}
