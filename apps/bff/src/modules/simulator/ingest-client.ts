import {
  IngestResultSchema,
  type IngestEventInput,
  type IngestResult,
} from '@watchfloor/shared/ingest';

export type PostOutcome = { ok: true; result: IngestResult } | PostFailure;

export interface PostFailure {
  ok: false;
  /** The same batch may succeed later (server down, overloaded, token not yet valid). */
  retry: boolean;
  /** The server's Retry-After, when it named one. */
  retryAfterMs: number | null;
  message: string;
}

type Answer = { ok: true; status: number; text: string } | PostFailure;

const REQUEST_TIMEOUT_MS = 15_000;

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * POSTs a JSON body with the ingest token like any external sender would. Never throws: network
 * errors and refusals come back as failures for the caller to log and act on. A malformed batch
 * stays malformed (400, 413, 422); everything else (auth, rate limit, 5xx) can recover.
 */
export async function postJson(
  url: string,
  token: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<Answer> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    if (response.ok) return { ok: true, status: response.status, text };
    return {
      ok: false,
      retry: ![400, 413, 422].includes(response.status),
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      message: `HTTP ${response.status}: ${text.slice(0, 200)}`,
    };
  } catch (error) {
    return {
      ok: false,
      retry: true,
      retryAfterMs: null,
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

export const endpoint = (baseUrl: string, path: string): string =>
  `${baseUrl.replace(/\/+$/, '')}${path}`;

/** The `data` of Watchfloor's `{ data }` envelope, or the body itself when there is none. */
export function unwrapData(text: string): unknown {
  try {
    const body = JSON.parse(text) as unknown;
    return body !== null && typeof body === 'object' && 'data' in body ? body.data : body;
  } catch {
    return undefined;
  }
}

/** Sends one batch of events to the ingest API. */
export async function postEvents(
  baseUrl: string,
  token: string,
  events: readonly IngestEventInput[],
  signal?: AbortSignal,
): Promise<PostOutcome> {
  const answer = await postJson(
    endpoint(baseUrl, '/api/v1/ingest/events'),
    token,
    { events },
    signal,
  );
  if (!answer.ok) return answer;
  const parsed = IngestResultSchema.safeParse(unwrapData(answer.text));
  if (!parsed.success)
    return {
      ok: false,
      retry: true,
      retryAfterMs: null,
      message: `unexpected ingest response: ${answer.text.slice(0, 200)}`,
    };
  return { ok: true, result: parsed.data };
}
