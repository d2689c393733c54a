import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bff-child.ts');
const bffRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface BffProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a BFF in a process of its own, so the load generator never shares its event loop. */
export function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  return new Promise((resolve, reject) => {
    const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', child], {
      cwd: bffRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        WATCHFLOOR_SIMULATOR: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let exited = false;
    proc.on('exit', () => {
      exited = true;
      reject(new Error('the BFF process exited before it listened'));
    });
    proc.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\S+)/.exec(chunk.toString());
      if (!match) return;
      resolve({
        url: match[1]!,
        pid: proc.pid!,
        stop: () =>
          new Promise<void>((done) => {
            if (exited) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
            setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
          }),
      });
    });
  });
}
