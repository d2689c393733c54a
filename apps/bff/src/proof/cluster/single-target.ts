import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startPrivateServer, type PrivateServer } from '../../cli/database/private-server.ts';
import { canConnect } from '../../cli/database/probe.ts';
import type { DatabaseTarget, PhaseTimes } from './database-target.ts';
import { waitUntil } from './galera-node.ts';

const PORT = 3311;
const OUTAGE_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One private MariaDB server for `--single`: every process attaches to it, and the fault is a
 * SIGKILL of the server and a restart on the same port with the same data.
 */
export async function startSingleTarget(
  dataDir: string,
  log: (line: string) => void,
): Promise<DatabaseTarget> {
  let server: PrivateServer | null = await startPrivateServer(dataDir, log, { port: PORT });
  const url = server.serverUrl;
  const killAndRestart = async (): Promise<PhaseTimes> => {
    const pid = Number(readFileSync(path.join(dataDir, 'mysql.pid'), 'utf8').trim());
    log('single: SIGKILL the server; it stays down 10 s');
    const faultAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await waitUntil('the server to exit', 30_000, async () => !(await canConnect(url, 500)));
    await sleep(OUTAGE_MS);
    server = await startPrivateServer(dataDir, log, { port: PORT });
    const restoredAt = Date.now();
    return {
      name: 'server SIGKILL + restart',
      faultAt,
      restoredAt,
      settledAt: restoredAt,
      note: `down ${((restoredAt - faultAt) / 1000).toFixed(1)} s (crash recovery included)`,
    };
  };
  return {
    layout: `one MariaDB server at 127.0.0.1:${PORT}; both BFFs and both workers attached to it`,
    bffServers: [url, url],
    workerServers: [url, url],
    inspectServers: [url],
    phases: [{ name: 'server SIGKILL + restart', run: killAndRestart }],
    stop: async () => {
      await server?.stop();
      server = null;
    },
  };
}
