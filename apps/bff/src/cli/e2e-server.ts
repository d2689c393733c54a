import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface E2eServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Watchfloor exactly as `npm start` does (same orchestrator: migrate, demo accounts, seed,
 * SPA build, BFF, worker, live simulator) against the given database, and waits until it is ready.
 */
export async function startE2eServer(
  root: string,
  mysqlUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<E2eServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    // Journeys read history days back: the whole demo history is stored before serving.
    ['--import', 'tsx', path.join(root, 'apps/bff/src/cli/start.ts'), '--whole-history'],
    {
      cwd: path.join(root, 'apps/bff'),
      env: { ...process.env, MYSQL_URL: mysqlUrl, HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (exited) throw new Error('the server exited before it was ready');
    if (Date.now() > deadline) throw new Error('the server was not ready within 15 minutes');
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
      }),
  };
}
