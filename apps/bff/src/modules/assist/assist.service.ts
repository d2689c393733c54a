import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import {
  ASSIST_RULES_VERSION,
  AssistAnswerSchema,
  type AssistAnswer,
  type WhyQuery,
} from '@watchfloor/shared/assist';
import { databaseNow } from '../../db/db-clock.ts';
import { notFound } from '../../http/app-error.ts';
import { toQuality } from '../quality/quality.service.ts';
import { gatherInputs, readScopeQuality, type AssistReadDeps } from './assist-inputs.ts';
import { assistLinks } from './assist-links.ts';
import { insertAnswer, readAnswerText } from './assist.repository.ts';
import { resolveScope, segmentSlugOfEntities } from './assist-scope.ts';
import { explain } from './rules/explain.ts';
import type { AssistInputs } from './rules/inputs.ts';

export interface AssistDeps extends AssistReadDeps {
  now?: () => number;
}

/** A stored answer: the object and the exact text it is served as, now and later. */
export interface StoredAnswer {
  answer: AssistAnswer;
  text: string;
}

export const newAssistId = () => `as_${randomBytes(12).toString('hex')}`;

/**
 * Answers "Why?" for a scope and window. When the scope's data is not ok (unsafe or degraded) the
 * answer is a refusal with the quality reasons, never a guess. Either way it is stored before it
 * is returned, with the hash of everything the rules read.
 */
export async function answerWhy(
  deps: AssistDeps,
  query: WhyQuery,
  username: string,
): Promise<StoredAnswer> {
  const now = deps.now?.() ?? Date.now();
  const resolved = await resolveScope(deps.pool, query.scope);
  const quality = await readScopeQuality(deps, resolved, query.window, now);
  const base = {
    id: newAssistId(),
    rulesVersion: ASSIST_RULES_VERSION,
    scope: query.scope,
    window: query.window,
    baseline: query.baseline,
    createdAt: await databaseNow(deps.pool),
    createdBy: username,
  };
  let answer: AssistAnswer;
  if (quality.state !== 'ok') {
    const refusal = { message: refusalMessage(quality.state), quality: toQuality(quality) };
    answer = {
      ...base,
      status: 'refused',
      refusal,
      inputsHash: sha256(canonicalJson({ quality: refusal.quality })),
      inputs: [],
      findings: [],
      similar: [],
    };
  } else {
    const { inputs, reads } = await gatherInputs(
      deps,
      query.scope,
      resolved,
      query.window,
      query.baseline,
    );
    const explained = explain(inputs, assistLinks(segmentSlugOfEntities(resolved)));
    answer = {
      ...base,
      status: 'ok',
      inputsHash: sha256(canonicalJson(hashable(inputs))),
      inputs: reads,
      findings: explained.findings,
      ...(explained.novelty ? { novelty: explained.novelty } : {}),
      similar: explained.similar,
    };
  }
  // Parsed before storing: what is stored is what any later reader can parse.
  const text = JSON.stringify(AssistAnswerSchema.parse(answer));
  await insertAnswer(deps.pool, answer, text);
  return { answer, text };
}

/** A stored answer, unchanged; 404 when the id names none. */
export async function readStoredAnswer(deps: AssistReadDeps, id: string): Promise<StoredAnswer> {
  const text = await readAnswerText(deps.pool, id);
  if (text === null) throw notFound(`Assist answer "${id.slice(0, 64)}" does not exist`);
  return { answer: AssistAnswerSchema.parse(JSON.parse(text)), text };
}

function refusalMessage(state: string): string {
  return `The data behind this scope and window is ${state}: no explanation is offered on it. See the quality reasons.`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The inputs as hashed: minutes as rows of numbers rather than objects, so a 7-day window's
 * 10,080 minutes are not key-sorted one by one (the hash covers the same figures).
 */
function hashable(inputs: AssistInputs): unknown {
  return {
    ...inputs,
    minutes: inputs.minutes.map((m) => [m.ts, m.requests, m.errors, m.latencyCount, m.latencySum]),
  };
}
