import { ACTION_TYPES, type ActionType } from '@watchfloor/shared/actions/catalogue';
import {
  ACTION_OUTCOMES,
  type ActionOutcome,
  type ActionWeek,
} from '@watchfloor/shared/trends/api';
import { weekStart } from '@watchfloor/shared/trends/period';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { ActionRow } from './trends.repository.ts';

/** Every outcome but `in_flight` is a final action state of the same name. */
const FINAL_OUTCOMES = new Set<string>(
  ACTION_OUTCOMES.filter((outcome) => outcome !== 'in_flight'),
);

/** What became of an action; anything not yet final (proposed, approved, executing) is in flight. */
export function outcomeOf(state: string): ActionOutcome {
  return FINAL_OUTCOMES.has(state) ? (state as ActionOutcome) : 'in_flight';
}

const isActionType = (type: string): type is ActionType =>
  (ACTION_TYPES as readonly string[]).includes(type);

/** Actions proposed in the window, per Monday-started week, type and outcome. */
export function actionWeeks(actions: readonly ActionRow[], window: TimeWindow): ActionWeek[] {
  const counts = new Map<string, ActionWeek>();
  for (const action of actions) {
    if (
      action.proposedAt < window.from ||
      action.proposedAt >= window.to ||
      !isActionType(action.type)
    )
      continue;
    const week = weekStart(action.proposedAt);
    const outcome = outcomeOf(action.state);
    const key = `${week}:${action.type}:${outcome}`;
    const row = counts.get(key) ?? { week, type: action.type, outcome, count: 0 };
    row.count += 1;
    counts.set(key, row);
  }
  return [...counts.values()].sort(
    (a, b) => a.week - b.week || a.type.localeCompare(b.type) || a.outcome.localeCompare(b.outcome),
  );
}

export function outcomeTotals(
  actions: readonly ActionRow[],
  window: TimeWindow,
): { total: number; byOutcome: Record<ActionOutcome, number> } {
  const byOutcome = Object.fromEntries(ACTION_OUTCOMES.map((o) => [o, 0])) as Record<
    ActionOutcome,
    number
  >;
  let total = 0;
  for (const action of actions) {
    if (action.proposedAt < window.from || action.proposedAt >= window.to) continue;
    byOutcome[outcomeOf(action.state)] += 1;
    total += 1;
  }
  return { total, byOutcome };
}

/** Actions on the segment proposed between an incident's start and its end (now, while it is ongoing). */
export function actionsWithin(
  actions: readonly ActionRow[],
  segmentId: number,
  start: number,
  end: number,
): number {
  return actions.filter(
    (a) => a.segmentId === segmentId && a.proposedAt >= start && a.proposedAt <= end,
  ).length;
}
