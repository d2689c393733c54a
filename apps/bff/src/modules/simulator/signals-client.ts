import {
  AlertWebhookResultSchema,
  type AlertmanagerWebhook,
  type AlertWebhookResult,
} from '@watchfloor/shared/telemetry/alertmanager';
import {
  ChangesResultSchema,
  type ChangeEventInput,
  type ChangesResult,
} from '@watchfloor/shared/telemetry/changes';
import type { z } from 'zod';
import { endpoint, postJson, unwrapData, type PostFailure } from './ingest-client.ts';

export type SignalOutcome<T> = { ok: true; result: T } | PostFailure;

async function post<S extends z.ZodType>(
  url: string,
  token: string,
  body: unknown,
  schema: S,
  signal?: AbortSignal,
): Promise<SignalOutcome<z.infer<S>>> {
  const answer = await postJson(url, token, body, signal);
  if (!answer.ok) return answer;
  const parsed = schema.safeParse(unwrapData(answer.text));
  if (!parsed.success)
    return {
      ok: false,
      retry: true,
      retryAfterMs: null,
      message: `unexpected response from ${url}: ${answer.text.slice(0, 200)}`,
    };
  return { ok: true, result: parsed.data as z.infer<S> };
}

/** Delivers one notification as Alertmanager's webhook receiver would. */
export function postAlerts(
  baseUrl: string,
  token: string,
  webhook: AlertmanagerWebhook,
  signal?: AbortSignal,
): Promise<SignalOutcome<AlertWebhookResult>> {
  return post(
    endpoint(baseUrl, '/api/v1/ingest/alertmanager'),
    token,
    webhook,
    AlertWebhookResultSchema,
    signal,
  );
}

/** Reports change events as a CI system or flag service would. */
export function postChanges(
  baseUrl: string,
  token: string,
  changes: readonly ChangeEventInput[],
  signal?: AbortSignal,
): Promise<SignalOutcome<ChangesResult>> {
  return post(
    endpoint(baseUrl, '/api/v1/ingest/changes'),
    token,
    { changes },
    ChangesResultSchema,
    signal,
  );
}
