import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorEnvelope } from '@watchfloor/shared/errors';
import { AppError } from './app-error.ts';
import { isDatabaseUnavailable } from './database-fault.ts';
import {
  clusterUnavailable,
  isClusterUnavailable,
} from '../modules/cluster/cluster-unavailable.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Renders every failure as the shared error envelope; no stack, SQL or driver code leaves the server.
 * `unavailableNodes` names the cluster nodes known to be out of the primary component.
 */
export function renderError(
  error: unknown,
  c: Context<AppEnv>,
  unavailableNodes: () => readonly string[] = () => [],
): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  const appError = isClusterUnavailable(error)
    ? clusterUnavailable(unavailableNodes())
    : toAppError(error);
  if (appError.status >= 500 && appError.code === 'internal') {
    c.get('logger')?.error({ err: error }, 'unhandled error');
  } else if (appError.status === 503) {
    c.get('logger')?.warn(
      { err: { message: (error as Error)?.message, code: (error as { code?: string })?.code } },
      'dependency unavailable',
    );
  }
  if ([401, 403, 415, 422, 429].includes(appError.status)) {
    // Security events: who, what, when (log time), from where; never secrets or bodies.
    c.get('logger')?.warn(
      {
        securityEvent: appError.code,
        user: c.get('user')?.username ?? null,
        method: c.req.method,
        path: c.req.path,
        from: c.get('clientAddress') ?? null,
      },
      appError.message,
    );
  }
  const body: ErrorEnvelope = {
    error: {
      code: appError.code,
      message: appError.message,
      requestId,
      ...(appError.details !== undefined ? { details: appError.details } : {}),
    },
  };
  for (const [name, value] of Object.entries(appError.headers)) c.header(name, value);
  const protocolBody = c.get('errorBody');
  if (protocolBody) return protocolBody(c, appError.status, appError.message);
  return c.json(body, appError.status);
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413)
      return new AppError(413, 'payload_too_large', 'Request body is too large');
    return new AppError(
      error.status as AppError['status'],
      error.status === 401 ? 'unauthenticated' : 'validation_failed',
      error.message || 'Bad request',
    );
  }
  if (isDatabaseUnavailable(error))
    return new AppError(
      503,
      'unavailable',
      'The database is unavailable; try again shortly',
      undefined,
      { 'Retry-After': '5' },
    );
  return new AppError(500, 'internal', 'Internal error');
}
