import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; request-scoped children add the request id to every line. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'watchfloor-bff' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
