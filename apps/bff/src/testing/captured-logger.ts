import { pino, type Logger } from 'pino';

/** A logger at `level` whose lines a test reads back, parsed, in `lines`. */
export function capturedLogger(level = 'warn'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}
