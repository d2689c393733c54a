import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServeRequest } from './server-child.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Which server-child.ts to run, and with which tsx loader: by default this tree's own. */
export interface ChildCode {
  /** Path of a server-child.ts. */
  entry: string;
  /** URL of the tsx loader (what `--import` takes). */
  tsx: string;
  /** Working directory of the child (the checkout the entry belongs to). */
  cwd?: string;
}

/**
 * Starts a server in its own Node process, so the load generator never shares an event loop with
 * the code it measures. With profileDir set the child writes a V8 CPU profile there on exit. `childCode`
 * runs another checkout's server-child.ts (the A/B bench's other version) instead of this one.
 */
export async function startServerProcess(
  request: ServeRequest,
  profileDir?: string,
  childCode?: ChildCode,
): Promise<ServerProcess> {
  const entry = childCode?.entry ?? fileURLToPath(new URL('./server-child.ts', import.meta.url));
  const tsx = childCode?.tsx ?? import.meta.resolve('tsx');
  const execArgv = [
    '--import',
    tsx,
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ];
  const child: ChildProcess = fork(entry, [], {
    execArgv,
    cwd: childCode?.cwd,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url?: string; error?: string }) =>
      message.url
        ? resolve(message.url)
        : reject(new Error(message.error ?? 'server failed to start')),
    );
    child.once('exit', (code) => reject(new Error(`server process exited with code ${code}`)));
    child.send(request);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) child.send('stop');
      await exited;
    },
  };
}
