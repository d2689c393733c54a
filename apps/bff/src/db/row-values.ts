import { z } from 'zod';

/**
 * Parsing rows as mysql2 returns them, for every repository: rows leave a repository parsed, and
 * these are the one way each column shape is read.
 */

/** A row as the driver returns it, before a repository parses it. */
export type DbRow = Record<string, unknown>;

/** A numeric column: mysql2 answers BIGINT and DECIMAL values as numbers or strings. */
export const numeric = z.union([z.number(), z.string()]).transform(Number);

/**
 * A nullable numeric value read without a schema: NULL (or a column of a row that is not there)
 * stays null; numbers, and sums the driver gives as strings, become numbers.
 */
export const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** A JSON text column parsed with `schema`, so a malformed document fails here, not downstream. */
export const jsonText = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text) => schema.parse(JSON.parse(text)) as z.output<T>);

/** The first row parsed with `parse` (a row mapper or a schema's `parse`), or null when there is none. */
export function firstRow<R, T>(rows: unknown, parse: (row: R) => T): T | null {
  const row = (rows as R[])[0];
  return row === undefined ? null : parse(row);
}

/** Every row parsed with `parse` (a row mapper or a schema's `parse`). */
export function allRows<R, T>(rows: unknown, parse: (row: R) => T): T[] {
  // Called with the row alone: `map` would pass the index where a schema's `parse` takes options.
  return (rows as R[]).map((row) => parse(row));
}

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A row's fields under their camelCase names: `segment_id` becomes `segmentId`. */
export type CamelColumns<R> = { [K in keyof R & string as CamelCase<K>]: R[K] };

// Column names are few and fixed: each is converted once, so long pages of rows stay cheap.
const camelNames = new Map<string, string>();

function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
    camelNames.set(column, name);
  }
  return name;
}

/**
 * A parsed row as a record whose fields are its columns renamed, in column order: one rule
 * instead of a hand-written field list per table, and a record type the compiler checks against
 * the columns.
 */
export function camelColumns<R extends object>(row: R): CamelColumns<R> {
  const record: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) record[camelName(column)] = value;
  return record as CamelColumns<R>;
}
