import type { ErrorCode, FieldIssue } from '@watchfloor/shared/errors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A failure domain code may throw; only the error handler turns it into a response. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const validationFailed = (message: string, issues: FieldIssue[]) =>
  new AppError(422, 'validation_failed', message, issues);
export const unauthenticated = (message = 'Authentication required') =>
  new AppError(401, 'unauthenticated', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const notFound = (message: string) => new AppError(404, 'not_found', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const unavailable = (message: string, retryAfterSeconds = 5) =>
  new AppError(503, 'unavailable', message, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
