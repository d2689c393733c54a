import { z } from 'zod';

/** A numeric column: mysql2 answers BIGINT and DECIMAL values as numbers or strings. */
export const numeric = z.union([z.number(), z.string()]).transform(Number);

/** A JSON text column parsed with `schema`, so a malformed document fails here, not downstream. */
export const jsonText = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text) => schema.parse(JSON.parse(text)) as z.output<T>);

/** The first row parsed with `schema`, or null when there is none. */
export function firstRow<T extends z.ZodType>(rows: unknown, schema: T): z.output<T> | null {
  const raw = (rows as unknown[])[0];
  return raw === undefined ? null : schema.parse(raw);
}

/** Every row parsed with `schema`. */
export function allRows<T extends z.ZodType>(rows: unknown, schema: T): z.output<T>[] {
  return (rows as unknown[]).map((raw) => schema.parse(raw));
}

/** Parsed rows grouped by their action, each group in row order. */
export function groupByAction<R extends { action_id: number }, V>(
  rows: R[],
  value: (row: R) => V,
): Map<number, V[]> {
  const byAction = new Map<number, V[]>();
  for (const row of rows) {
    const list = byAction.get(row.action_id) ?? [];
    list.push(value(row));
    byAction.set(row.action_id, list);
  }
  return byAction;
}
