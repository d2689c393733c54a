import { z } from 'zod';
import type { SimEvent } from './entity-streams.ts';
import { endpoint, postJson, type PostFailure } from './ingest-client.ts';
import { toOtlpTraces } from './otlp-spans.ts';

export type SpansOutcome =
  { ok: true; sent: number; rejected: number; errorMessage: string | null } | PostFailure;

/** OTLP's ExportTraceServiceResponse in JSON: int64 counts may come as strings. */
const ExportResponseSchema = z.object({
  partialSuccess: z
    .object({
      rejectedSpans: z.union([z.string().regex(/^\d+$/), z.number().int()]).optional(),
      errorMessage: z.string().optional(),
    })
    .optional(),
});

/**
 * Exports request and job events as spans to the OTLP/HTTP receiver (`/v1/traces`, OTLP/JSON),
 * as an OpenTelemetry SDK would. A 200 may still reject some spans (`partialSuccess`); 429 and
 * 503 are worth retrying later, malformed requests (400, 413) are not.
 */
export async function postSpans(
  baseUrl: string,
  token: string,
  events: readonly SimEvent[],
  signal?: AbortSignal,
): Promise<SpansOutcome> {
  const answer = await postJson(
    endpoint(baseUrl, '/v1/traces'),
    token,
    toOtlpTraces(events),
    signal,
  );
  if (!answer.ok) return answer;
  let body: unknown;
  try {
    body = answer.text.trim() === '' ? {} : JSON.parse(answer.text);
  } catch {
    body = null;
  }
  const parsed = ExportResponseSchema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      retry: true,
      retryAfterMs: null,
      message: `unexpected OTLP response: ${answer.text.slice(0, 200)}`,
    };
  const partial = parsed.data.partialSuccess;
  return {
    ok: true,
    sent: events.length,
    rejected: Number(partial?.rejectedSpans ?? 0),
    errorMessage: partial?.errorMessage || null,
  };
}
