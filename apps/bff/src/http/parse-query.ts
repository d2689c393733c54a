import type { Context } from 'hono';
import type { z } from 'zod';
import { requireValid } from './require-valid.ts';

/** Validates the query string against a shared schema; a failure is a 422 naming each parameter. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return requireValid(
    schema,
    c.req.query(),
    (issues) =>
      `Invalid query parameter${issues.length > 1 ? 's' : ''}: ${issues.map((i) => i.field).join(', ')}`,
  );
}
