import type { z } from 'zod';
import { fieldIssues, type FieldIssue } from '@watchfloor/shared/errors';
import { validationFailed } from './app-error.ts';

/**
 * The one way request input is validated: against a shared schema, a failure being the 422
 * envelope with each zod issue flattened into `details`. Query strings go through `parseQuery`,
 * JSON bodies through `parseJsonBody`; call this directly only for a body already read (e.g. one
 * also fingerprinted for idempotency).
 */
export function requireValid<T extends z.ZodType>(
  schema: T,
  input: unknown,
  message: string | ((issues: FieldIssue[]) => string),
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error.issues);
  throw validationFailed(typeof message === 'string' ? message : message(issues), issues);
}
