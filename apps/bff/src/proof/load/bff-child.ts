import { loadEnv } from '../../env.ts';
import { createLogger } from '../../logger.ts';
import { startServer } from '../../server.ts';

/** One BFF process (with its rollup worker unless WATCHFLOOR_WORKER=0) for the load proofs; prints its URL. */
const server = await startServer(loadEnv(process.env), createLogger('warn'));
process.stdout.write(`listening ${server.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.stop().finally(() => process.exit(0));
  });
}
