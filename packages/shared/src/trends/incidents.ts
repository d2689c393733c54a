import { burnRate, type Counts } from './burn-rate.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Ratios like 6 ÷ 200 ÷ 0.005 land a hair under 6 in floating point; a rule's edge belongs to the rule. */
const EPSILON = 1e-9;

/** The rules that turn rollups into incidents; see INCIDENT_DEFINITION for them in words. */
export const INCIDENT_RULES = {
  /** A minute (and a candidate hour) breaches when it burns at least this fast: the workbook's 6 h page rate. */
  burnRate: 6,
  /** Fewer failures than this in a minute are noise, whatever the ratio (one failure of three requests). */
  minErrorsPerMinute: 2,
  /** Breach minutes this close together belong to one incident. */
  mergeGapMs: 15 * MINUTE,
  /** Runs with fewer breach minutes are blips, not incidents. */
  minBreachMinutes: 3,
  /** How far either side of its burning hours an incident's minutes are looked for. */
  searchMarginMs: HOUR,
} as const;

export interface MinuteCounts extends Counts {
  ts: number;
}

export function isBreachMinute(minute: Counts, sloAvailability: number): boolean {
  const rate = burnRate(minute, sloAvailability);
  return (
    minute.errors >= INCIDENT_RULES.minErrorsPerMinute &&
    rate !== null &&
    rate >= INCIDENT_RULES.burnRate - EPSILON
  );
}

/** A clock hour worth searching: it burned at the incident rate overall, with enough failures to form an incident. */
export function isBurningHour(hour: Counts, sloAvailability: number): boolean {
  const rate = burnRate(hour, sloAvailability);
  return (
    hour.errors >= INCIDENT_RULES.minErrorsPerMinute * INCIDENT_RULES.minBreachMinutes &&
    rate !== null &&
    rate >= INCIDENT_RULES.burnRate - EPSILON
  );
}

export interface IncidentSpan {
  start: number;
  /** End of the last breach minute. */
  end: number;
  breachMinutes: number;
  requests: number;
  errors: number;
  /** Still within the merge gap of the latest data: it may continue. */
  ongoing: boolean;
}

/**
 * Incidents among minute counts: runs of breach minutes merged across gaps of at most
 * mergeGapMs, at least minBreachMinutes long, and overlapping a burning hour. Counts cover every
 * minute from the incident's start to its end, breaching or not.
 */
export function findIncidents(
  minutes: readonly MinuteCounts[],
  burningHours: ReadonlySet<number>,
  sloAvailability: number,
  dataEnd: number,
): IncidentSpan[] {
  const ordered = [...minutes].sort((a, b) => a.ts - b.ts);
  const runs: { start: number; end: number; breaches: number[] }[] = [];
  for (const minute of ordered) {
    if (!isBreachMinute(minute, sloAvailability)) continue;
    const last = runs[runs.length - 1];
    if (last && minute.ts - last.end <= INCIDENT_RULES.mergeGapMs) {
      last.end = minute.ts + MINUTE;
      last.breaches.push(minute.ts);
    } else {
      runs.push({ start: minute.ts, end: minute.ts + MINUTE, breaches: [minute.ts] });
    }
  }
  return runs
    .filter((run) => run.breaches.length >= INCIDENT_RULES.minBreachMinutes)
    .filter((run) => run.breaches.some((ts) => burningHours.has(Math.floor(ts / HOUR) * HOUR)))
    .map((run) => {
      let requests = 0;
      let errors = 0;
      for (const minute of ordered) {
        if (minute.ts >= run.start && minute.ts < run.end) {
          requests += minute.requests;
          errors += minute.errors;
        }
      }
      return {
        start: run.start,
        end: run.end,
        breachMinutes: run.breaches.length,
        requests,
        errors,
        ongoing: dataEnd - run.end < INCIDENT_RULES.mergeGapMs,
      };
    });
}

/** Mean time to recover: the mean duration of the incidents that have ended; null when none has. */
export function meanTimeToRecover(
  incidents: readonly Pick<IncidentSpan, 'start' | 'end' | 'ongoing'>[],
): number | null {
  const ended = incidents.filter((incident) => !incident.ongoing);
  if (ended.length === 0) return null;
  return ended.reduce((sum, incident) => sum + (incident.end - incident.start), 0) / ended.length;
}
