import { existsSync, readFileSync } from 'node:fs';

/**
 * The BFFs' own account of their errors (pino level ≥ 50), grouped by message, error number and
 * the first functions of the stack: the evidence beside a 500 in the report.
 */
export function summariseBffErrors(logFiles: readonly string[], top = 8): string[] {
  const counts = new Map<string, number>();
  for (const [i, file] of logFiles.entries()) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: {
        level?: number;
        err?: { message?: string; errno?: number; code?: string; stack?: string };
      };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      if ((entry.level ?? 0) < 50 || !entry.err) continue;
      const where = [...(entry.err.stack ?? '').matchAll(/at async (\w+)/g)]
        .slice(0, 2)
        .map((m) => m[1])
        .join(' < ');
      const key = `BFF ${i + 1}: ${entry.err.errno ?? entry.err.code ?? ''} ${(entry.err.message ?? '').slice(0, 80)}${where ? ` — in ${where}` : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, n]) => `- ${n} × ${key}`);
}
