import type { z } from 'zod';
import { ErrorEnvelopeSchema, type ErrorCode } from '@watchfloor/shared/errors';
import { isSessionFree, maySendWithSession, noteSession } from './session-gate.ts';

/** A failed API call in the shared error envelope's terms, so the UI can say what went wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'contract',
    message: string,
    readonly requestId: string | null = null,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Client errors will not heal by retrying; network failures and 5xx may. */
  get retryable(): boolean {
    return this.code === 'network' || this.status >= 500 || this.status === 429;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined>;
  /** Extra request headers, e.g. Idempotency-Key on a proposal. */
  headers?: Record<string, string>;
}

/**
 * GETs JSON from the BFF and parses it with the shared schema. A body that does not match the
 * contract is an error, never silently rendered: the screen must not show numbers it cannot trust.
 */
export function getJson<T extends z.ZodType>(
  path: string,
  schema: T,
  options: RequestOptions = {},
): Promise<z.output<T>> {
  return requestJson('GET', withQuery(path, options.query), schema, undefined, options);
}

/** POSTs a JSON body; the BFF accepts mutations only as same-origin JSON (its CSRF defence). */
export function postJson<T extends z.ZodType>(
  path: string,
  body: unknown,
  schema: T,
  options: RequestOptions = {},
): Promise<z.output<T>> {
  return requestJson('POST', withQuery(path, options.query), schema, body, options);
}

async function requestJson<T extends z.ZodType>(
  method: 'GET' | 'POST',
  url: string,
  schema: T,
  body: unknown,
  options: RequestOptions,
): Promise<z.output<T>> {
  const sessionFree = isSessionFree(url);
  // Signed out, the answer is known without asking: the caller handles it as the server's 401.
  if (!sessionFree && !(await maySendWithSession()))
    throw new ApiError(401, 'unauthenticated', 'Sign in to continue');
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached');
  }
  const json: unknown = await response.json().catch(() => null);
  if (url === '/api/v1/auth/login' && response.ok) noteSession(true);
  if (url === '/api/v1/auth/logout') noteSession(false);
  if (!response.ok) {
    const error = toApiError(response.status, json);
    if (!sessionFree && error.code === 'unauthenticated') noteSession(null);
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.map(String).join('.') || '(root)';
    throw new ApiError(
      response.status,
      'contract',
      `The server answered in an unexpected shape (at ${where})`,
      response.headers.get('x-request-id'),
    );
  }
  return parsed.data;
}

function toApiError(status: number, body: unknown): ApiError {
  const envelope = ErrorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const { code, message, requestId, details } = envelope.data.error;
    return new ApiError(status, code, message, requestId, details);
  }
  return new ApiError(
    status,
    status >= 500 ? 'internal' : 'validation_failed',
    `The server answered ${status}`,
  );
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
