/** A row as the driver returns it, before a repository parses it. */
export type DbRow = Record<string, unknown>;

/** A nullable numeric column: NULL stays null; numbers, and sums the driver gives as strings, become numbers. */
export const numberOrNull = (value: unknown): number | null =>
  value === null ? null : Number(value);
