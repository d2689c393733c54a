import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { loadEnv } from '../../env.ts';
import type { createLogger } from '../../logger.ts';
import type { startServer } from '../../server.ts';

/**
 * A BFF from any checkout (argv[2] is its root), with the process clock stopped at the instant the
 * parent sends: two checkouts then answer as of the very same millisecond, so their answers can be
 * compared byte for byte. Only env.ts, logger.ts and server.ts of the other checkout are used, and
 * their exports have kept these names and shapes.
 */
type EnvModule = { loadEnv: typeof loadEnv };
type LoggerModule = { createLogger: typeof createLogger };
type ServerModule = { startServer: typeof startServer };

const root = process.argv[2] ?? process.cwd();
const load = <T>(file: string): Promise<T> =>
  import(pathToFileURL(path.join(root, 'apps/bff/src', file)).href) as Promise<T>;

process.once('message', (request: { mysqlUrl: string; clockMs: number }) => {
  Date.now = () => request.clockMs;
  void (async () => {
    const { loadEnv } = await load<EnvModule>('env.ts');
    const { createLogger } = await load<LoggerModule>('logger.ts');
    const { startServer } = await load<ServerModule>('server.ts');
    const env = loadEnv({
      ...process.env,
      MYSQL_URL: request.mysqlUrl,
      PORT: '0',
      WATCHFLOOR_SIMULATOR: '0',
      WATCHFLOOR_WORKER: '0',
      LOG_LEVEL: 'silent',
    });
    const server = await startServer(env, createLogger(env.LOG_LEVEL));
    process.send?.({ url: server.url });
    const stop = () => void server.stop().finally(() => process.exit(0));
    process.on('message', (message) => message === 'stop' && stop());
    process.on('disconnect', stop);
  })().catch((error: Error) => {
    process.send?.({ error: error.message });
    process.exit(1);
  });
});
