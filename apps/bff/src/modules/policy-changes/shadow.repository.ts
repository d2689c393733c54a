import { z } from 'zod';
import type { Queryable } from '../../db/pool.ts';
import { allRows, numeric } from '../../db/row-values.ts';

const RowSchema = z.object({
  action_id: numeric.nullable(),
  policy_version: z.string(),
  passed: numeric,
  inputs: z.string(),
  results: z.string(),
  evaluated_at: numeric,
});

/** A recorded proposal-stage evaluation; inputs and results still text, parsed by the replay. */
export interface RecordedEvaluation {
  actionId: number | null;
  policyVersion: string;
  passed: boolean;
  inputsText: string;
  resultsText: string;
  evaluatedAt: number;
}

/** The newest proposal-stage evaluations, refused proposals (no action) included. */
export async function recentProposalEvaluations(
  conn: Queryable,
  limit: number,
): Promise<RecordedEvaluation[]> {
  const [rows] = await conn.query(
    `SELECT action_id, policy_version, passed, inputs, results, evaluated_at
       FROM action_evaluations WHERE stage = 'proposal' ORDER BY id DESC LIMIT ?`,
    [limit],
  );
  return allRows(rows, RowSchema.parse).map((r) => ({
    actionId: r.action_id,
    policyVersion: r.policy_version,
    passed: r.passed === 1,
    inputsText: r.inputs,
    resultsText: r.results,
    evaluatedAt: r.evaluated_at,
  }));
}
