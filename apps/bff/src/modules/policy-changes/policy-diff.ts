import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import type { PolicyDiffEntry } from '@watchfloor/shared/actions/policy-changes';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The changed leaves between two policies' JSON, by dotted path in key order. Objects are walked
 * key by key; arrays (role lists, states) are compared as whole values, since their order is
 * part of the data. A key present on one side only has null on the other.
 */
export function policyDiff(before: unknown, after: unknown): PolicyDiffEntry[] {
  const out: PolicyDiffEntry[] = [];
  walk(before, after, [], out);
  return out;
}

function walk(before: unknown, after: unknown, path: string[], out: PolicyDiffEntry[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], [...path, key], out);
    return;
  }
  if (canonicalJson(before) === canonicalJson(after)) return;
  out.push({ path: path.join('.') || '(root)', before: before ?? null, after: after ?? null });
}
