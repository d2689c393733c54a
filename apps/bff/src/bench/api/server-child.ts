import { loadEnv } from '../../env.ts';
import { createLogger } from '../../logger.ts';
import { startServer } from '../../server.ts';
import { startBareServer } from './bare-server.ts';

/** What the parent asks this process to serve. */
export type ServeRequest =
  | { kind: 'bff'; mysqlUrl: string; clockMs: number; readCacheMs?: number }
  | { kind: 'bare'; mysqlUrl: string; connectionLimit: number };

/**
 * Replays a stored data set as if it were live: the process clock reads clockMs when the server
 * starts and runs on from there, so default windows, quality and session checks behave as they
 * would a moment after the last event arrived. Only this child's clock moves; the load generator
 * measures with its own.
 */
function shiftClock(clockMs: number): void {
  const realNow = Date.now.bind(Date);
  const offset = clockMs - realNow();
  Date.now = () => realNow() + offset;
}

async function serve(request: ServeRequest): Promise<{ url: string; stop(): Promise<void> }> {
  if (request.kind === 'bare') return startBareServer(request.mysqlUrl, request.connectionLimit);
  shiftClock(request.clockMs);
  const cache =
    request.readCacheMs === undefined
      ? {}
      : { WATCHFLOOR_READ_CACHE_MS: String(request.readCacheMs) };
  const env = loadEnv({
    ...process.env,
    ...cache,
    MYSQL_URL: request.mysqlUrl,
    PORT: '0',
    WATCHFLOOR_SIMULATOR: '0',
    WATCHFLOOR_WORKER: '0',
    LOG_LEVEL: 'silent',
  });
  return startServer(env, createLogger(env.LOG_LEVEL));
}

process.once('message', (request: ServeRequest) => {
  serve(request).then(
    (server) => {
      process.send?.({ url: server.url });
      const stop = () => void server.stop().finally(() => process.exit(0));
      process.on('message', (message) => message === 'stop' && stop());
      process.on('disconnect', stop);
    },
    (error: Error) => {
      process.send?.({ error: error.message });
      process.exit(1);
    },
  );
});
