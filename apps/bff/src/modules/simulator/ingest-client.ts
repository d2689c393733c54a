import {
  IngestResultSchema,
  type IngestEventInput,
  type IngestResult,
} from '@watchfloor/shared/ingest';

export type PostOutcome =
  | { ok: true; result: IngestResult }
  /** retry: the same batch may succeed later (server down, overloaded, token not yet valid). */
  | { ok: false; retry: boolean; message: string };

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Sends one batch to the ingest API like any external producer would. Never throws: network
 * errors and refusals come back as outcomes for the caller to log and act on.
 */
export async function postEvents(
  baseUrl: string,
  token: string,
  events: readonly IngestEventInput[],
  signal?: AbortSignal,
): Promise<PostOutcome> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ events }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    if (!response.ok) {
      // A malformed batch stays malformed; everything else (auth, rate limit, 5xx) can recover.
      const retry = !(
        response.status === 413 ||
        response.status === 422 ||
        response.status === 400
      );
      return { ok: false, retry, message: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    }
    const parsed = IngestResultSchema.safeParse((JSON.parse(text) as { data?: unknown }).data);
    if (!parsed.success)
      return {
        ok: false,
        retry: true,
        message: `unexpected ingest response: ${text.slice(0, 200)}`,
      };
    return { ok: true, result: parsed.data };
  } catch (error) {
    return {
      ok: false,
      retry: true,
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}
