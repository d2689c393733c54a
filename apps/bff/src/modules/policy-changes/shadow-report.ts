import { z } from 'zod';
import type {
  ShadowDifference,
  ShadowOutcome,
  ShadowReport,
} from '@watchfloor/shared/actions/policy-changes';
import { evaluatePolicy } from '../actions/policy/policy-evaluation.ts';
import type { PolicySnapshot } from '../actions/policy/policy-source.ts';
import { parseRecordedInputs } from './recorded-inputs.ts';
import type { RecordedEvaluation } from './shadow.repository.ts';

const RecordedResultsSchema = z.array(z.looseObject({ code: z.string(), passed: z.boolean() }));

/**
 * Replays recorded proposals under the proposed policy. "Before" is the same evaluator under the
 * version each was judged by (so only the policy differs, not the code); when that version is
 * not stored, the recorded result stands in. A record that cannot be replayed is skipped.
 */
export function shadowReport(
  records: readonly RecordedEvaluation[],
  knownVersions: ReadonlyMap<string, PolicySnapshot>,
  proposed: PolicySnapshot,
): ShadowReport {
  const report: ShadowReport = {
    evaluated: 0,
    skipped: 0,
    unchanged: 0,
    nowAllowed: 0,
    nowRefused: 0,
    refusedDifferently: 0,
    differences: [],
  };
  for (const record of records) {
    const replay = replayOne(record, knownVersions, proposed);
    if (!replay) {
      report.skipped += 1;
      continue;
    }
    report.evaluated += 1;
    const { before, after, inputs } = replay;
    if (before.passed === after.passed && sameCodes(before.failed, after.failed)) {
      report.unchanged += 1;
      continue;
    }
    if (!before.passed && after.passed) report.nowAllowed += 1;
    if (before.passed && !after.passed) report.nowRefused += 1;
    if (!before.passed && !after.passed) report.refusedDifferently += 1;
    const difference: ShadowDifference = {
      actionId: record.actionId,
      type: inputs.action.type,
      target: inputs.action.target.id,
      proposedAt: record.evaluatedAt,
      before,
      after,
    };
    report.differences.push(difference);
  }
  return report;
}

function replayOne(
  record: RecordedEvaluation,
  knownVersions: ReadonlyMap<string, PolicySnapshot>,
  proposed: PolicySnapshot,
) {
  const inputs = parseRecordedInputs(record.inputsText);
  if (!inputs) return null;
  try {
    const judgedBy = knownVersions.get(record.policyVersion);
    const before = judgedBy
      ? outcome(evaluatePolicy(judgedBy, inputs, record.evaluatedAt).results)
      : recordedOutcome(record);
    if (!before) return null;
    const after = outcome(evaluatePolicy(proposed, inputs, record.evaluatedAt).results);
    return { inputs, before, after };
  } catch {
    // Inputs an older evaluator recorded may lack what today's checks read: not guessed at.
    return null;
  }
}

function outcome(results: readonly { code: string; passed: boolean }[]): ShadowOutcome {
  const failed = results.filter((r) => !r.passed).map((r) => r.code);
  return { passed: failed.length === 0, failed };
}

function recordedOutcome(record: RecordedEvaluation): ShadowOutcome | null {
  try {
    const parsed = RecordedResultsSchema.safeParse(JSON.parse(record.resultsText));
    return parsed.success ? { ...outcome(parsed.data), passed: record.passed } : null;
  } catch {
    return null;
  }
}

const sameCodes = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
