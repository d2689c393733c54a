import { z } from 'zod';
import { ActionTargetRefSchema } from '@watchfloor/shared/actions/api';
import { ActionTypeSchema } from '@watchfloor/shared/actions/catalogue';
import { RoleSchema } from '@watchfloor/shared/auth';
import type { EvaluationInputs } from '../actions/policy/policy-evaluation.ts';

/**
 * The recorded shape of a proposal's evaluation inputs (action_evaluations.inputs), checked
 * before a shadow evaluation replays them. Loose at every level: inputs recorded by a newer
 * evaluator carry more members, which are kept for it; one that lacks what this shape needs
 * does not parse and is counted as skipped.
 */
const RecordedInputsSchema = z.looseObject({
  stage: z.literal('proposal'),
  actor: z.looseObject({ username: z.string(), roles: z.array(RoleSchema) }),
  action: z.looseObject({
    id: z.number().nullable(),
    type: ActionTypeSchema,
    target: ActionTargetRefSchema,
    params: z.record(z.string(), z.unknown()),
    proposer: z.string().nullable(),
    approvers: z.array(z.string()),
    policyVersion: z.string().nullable(),
  }),
  targets: z.array(z.looseObject({ slug: z.string(), kind: z.string(), state: z.string() })),
  shortfall: z.string().nullable(),
  quality: z
    .looseObject({
      state: z.enum(['ok', 'degraded', 'unsafe']),
      reasons: z.array(z.string()),
    })
    .nullable(),
  conflicts: z.array(z.looseObject({ id: z.number(), type: z.string(), state: z.string() })),
  segment: z.looseObject({
    slug: z.string(),
    entities: z.number(),
    notActive: z.number(),
    heldByOthers: z.number(),
  }),
});

/** Recorded inputs as the evaluator takes them, or null when the text does not parse. */
export function parseRecordedInputs(text: string): EvaluationInputs | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RecordedInputsSchema.safeParse(json);
  // The schema checks the members this shape knows; members a newer evaluator recorded pass
  // through untouched, which is why the result is taken as the evaluator's own input type.
  return parsed.success ? (parsed.data as unknown as EvaluationInputs) : null;
}
