import { BURN_ALERT_RULES } from './burn-rate.ts';
import { INCIDENT_RULES } from './incidents.ts';
import { MINUTE_COMPLIANCE_MAX_MS } from './latency-compliance.ts';
import { QUALITY_RULES } from '../quality.ts';

export interface Definition {
  term: string;
  text: string;
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} minutes`;
const rules = BURN_ALERT_RULES.map(
  (r) =>
    `${r.severity} when it is above ${r.threshold} over both the last ${r.long} and the last ${r.short}`,
).join('; ');

/** The trend figures in plain words, shown on the page beside the numbers they explain. */
export const TREND_DEFINITIONS: readonly Definition[] = [
  {
    term: 'Availability',
    text: 'The share of requests and jobs that succeeded in the period. A period without traffic has no availability rather than 100 %. It meets the SLO when it is at or above the segment’s target.',
  },
  {
    term: 'Coverage and comparing periods',
    text: `A period’s coverage is the share of its hours so far (up to now) in which the segment sent any data, so a segment that reports every 10–30 minutes is fully covered; every figure comes from the data there is. The change against the previous period is shown only when the previous period’s coverage is at least ${Math.round(QUALITY_RULES.comparableCoverageShare * 100)} % of the current one’s; otherwise the page says there is not enough history to compare rather than calling a thin period better or worse.`,
  },
  {
    term: 'Latency SLO compliance',
    text: `The share of minutes with traffic whose 95th-percentile latency met the segment’s target. For periods longer than ${Math.round(MINUTE_COMPLIANCE_MAX_MS / 86_400_000)} days it is judged hour by hour instead (the share of hours whose p95 met the target), which blurs short slow spells inside an hour. Each p95 comes from the rollup histogram and is within 5 % of the exact value, so only minutes within 5 % of the target can be judged differently from an exact count.`,
  },
  {
    term: 'Error budget',
    text: 'The failures the SLO allows in the period: (1 − target) × the period’s requests. Spent is the failures that happened; remaining is what is left and turns negative when the budget is overspent. The burn-down shows how much of the period’s budget was left at the end of each day.',
  },
  {
    term: 'Burn rate',
    text: `How many times faster than sustainable the budget is spent: the error ratio divided by (1 − target). At 1 the budget lasts exactly the period. Following the Google SRE workbook, alerts ${rules}.`,
  },
  {
    term: 'Incident',
    text: `A stretch in which the segment failed its SLO hard: breach minutes (at least ${INCIDENT_RULES.minErrorsPerMinute} failures and a burn rate of ${INCIDENT_RULES.burnRate} or more) no more than ${minutes(INCIDENT_RULES.mergeGapMs)} apart, at least ${INCIDENT_RULES.minBreachMinutes} of them, in or next to an hour that burned at ${INCIDENT_RULES.burnRate} or more overall. It starts at its first breach minute and ends when its last one ends; it is ongoing while the latest data is within ${minutes(INCIDENT_RULES.mergeGapMs)} of its end.`,
  },
  {
    term: 'Mean time to recover (MTTR)',
    text: 'The mean duration of the incidents that started in the period and have ended. Ongoing incidents are listed but not averaged.',
  },
  {
    term: 'Actions within an incident',
    text: 'A control action proposed on the segment between an incident’s start and end. The share is of the incidents that started in the period.',
  },
];
