import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, validationFailed } from './app-error.ts';
import { requireValid } from './require-valid.ts';

/** Reads a JSON body, refusing other content types (415) and malformed JSON (422). */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed('The request body is not valid JSON', [
      { field: '(body)', message: 'malformed JSON' },
    ]);
  }
}

/**
 * Reads a JSON body (as `readJsonBody`) and validates it against a shared schema; an invalid body
 * is a 422 with `message` and each field's issue.
 */
export async function parseJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  message: string,
): Promise<z.output<T>> {
  return requireValid(schema, await readJsonBody(c), message);
}
