import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServeRequest } from './server-child.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a server in its own Node process, so the load generator never shares an event loop with
 * the code it measures. With profileDir set the child writes a V8 CPU profile there on exit.
 */
export async function startServerProcess(request: ServeRequest, profileDir?: string): Promise<ServerProcess> {
  const entry = fileURLToPath(new URL('./server-child.ts', import.meta.url));
  const execArgv = ['--import', import.meta.resolve('tsx'), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child: ChildProcess = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url?: string; error?: string }) => (message.url ? resolve(message.url) : reject(new Error(message.error ?? 'server failed to start'))));
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
