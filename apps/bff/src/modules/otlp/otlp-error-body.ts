import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../http/app-env.ts';
import { requestEncoding, type OtlpEncoding } from './otlp-body.ts';
import { CONTENT_TYPES, encodeStatus, RPC_CODE } from './otlp-response.ts';

/** The encoding answers are written in: the request's, and JSON when it named neither. */
export function answerEncoding(contentType: string | undefined): OtlpEncoding {
  try {
    return requestEncoding(contentType);
  } catch {
    return 'json';
  }
}

/** google.rpc.Code for an HTTP status (OTLP clients act on the HTTP status; the code informs). */
function rpcCode(status: number): number {
  if (status === 401) return RPC_CODE.UNAUTHENTICATED;
  if (status === 403) return RPC_CODE.PERMISSION_DENIED;
  if (status === 404) return RPC_CODE.NOT_FOUND;
  if (status === 429) return RPC_CODE.RESOURCE_EXHAUSTED;
  if (status === 503) return RPC_CODE.UNAVAILABLE;
  if (status >= 500) return RPC_CODE.INTERNAL;
  return RPC_CODE.INVALID_ARGUMENT;
}

/**
 * A google.rpc.Status answer in the request's encoding, as OTLP/HTTP requires of every 4xx and
 * 5xx — also for refusals made before the receiver runs (a missing token, a full pool).
 */
export function otlpStatusResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const encoding = answerEncoding(c.req.header('content-type'));
  return c.body(encodeStatus(encoding, rpcCode(status), message), status, {
    'Content-Type': CONTENT_TYPES[encoding],
    ...headers,
  });
}
