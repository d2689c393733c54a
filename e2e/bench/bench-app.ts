import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabaseIfAbsent, dropDatabase } from '../../apps/bff/src/cli/database/probe.ts';
import { withDatabase } from '../../apps/bff/src/cli/database/mysql-url.ts';
import { startE2eServer } from '../../apps/bff/src/cli/e2e-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchApp {
  url: string;
  /** Human-readable: where the figures came from. */
  source: string;
  stop(): Promise<void>;
}

/**
 * The app to measure: a running one (`--url`), or a fresh one started exactly like `npm start`
 * (demo seed at scale 0.25, live simulator) on a scratch database that is dropped afterwards.
 */
export async function openBenchApp(options: {
  url?: string;
  mysqlServer: string;
  log: (line: string) => void;
}): Promise<BenchApp> {
  if (options.url)
    return {
      url: options.url,
      source: `running app at ${options.url}`,
      stop: async () => undefined,
    };
  const database = `watchfloor_bench_web_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfAbsent(options.mysqlServer, database);
  options.log(
    `starting Watchfloor on scratch database ${database} (seeding takes a minute or two)…`,
  );
  try {
    const app = await startE2eServer(root, withDatabase(options.mysqlServer, database), {
      WATCHFLOOR_SEED_SCALE: '0.25',
      WATCHFLOOR_SIM_RATE: '20',
    });
    return {
      url: app.url,
      source: 'fresh `npm start` app, demo seed at scale 0.25, live simulator at 20 events/s',
      stop: async () => {
        await app.stop();
        await dropDatabase(options.mysqlServer, database);
      },
    };
  } catch (error) {
    await dropDatabase(options.mysqlServer, database);
    throw error;
  }
}
