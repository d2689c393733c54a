import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface SecondApp {
  url: string;
  /** SIGTERM, then waits for the process to be gone. */
  stop(): Promise<void>;
}

/**
 * A second Watchfloor process on the e2e database, started exactly like `npm start` but without
 * simulator or worker, so a journey can stop it under a loaded page. Seeding is skipped because
 * the database already holds data; it is ready in a few seconds.
 */
export async function startSecondApp(mysqlUrl: string): Promise<SecondApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'apps/bff/src/cli/start.ts')],
    {
      cwd: path.join(root, 'apps/bff'),
      env: {
        ...process.env,
        MYSQL_URL: mysqlUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        WATCHFLOOR_SIMULATOR: '0',
        WATCHFLOOR_WORKER: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const exited = once(child, 'exit');
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the second app exited before it was ready: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the second app was not ready within 90 s: ${stderr}`);
    }
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
}
