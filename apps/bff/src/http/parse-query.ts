import type { Context } from 'hono';
import type { z } from 'zod';
import { fieldIssues } from '@watchfloor/shared/errors';
import { validationFailed } from './app-error.ts';

/** Validates the query string against a shared schema; a failure is a 422 naming each parameter. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error.issues);
    throw validationFailed(
      `Invalid query parameter${issues.length > 1 ? 's' : ''}: ${issues.map((i) => i.field).join(', ')}`,
      issues,
    );
  }
  return parsed.data;
}
