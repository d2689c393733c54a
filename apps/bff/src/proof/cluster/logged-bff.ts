import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BffProcess } from '../load/bff-process.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, '../load/bff-child.ts');
const bffRoot = path.resolve(here, '../../..');

/**
 * The load proof's BFF child, with its log (stdout and stderr) kept in a file: a failed promise
 * is then reported with the server's own account of what went wrong.
 */
export function startLoggedBff(env: Record<string, string>, logFile: string): Promise<BffProcess> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      cwd: bffRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        WATCHFLOOR_SIMULATOR: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stderr.pipe(log);
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    void exited.then(() =>
      reject(new Error(`the BFF process exited before it listened; see ${logFile}`)),
    );
    let listening = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      const match = listening ? null : /listening (\S+)/.exec(chunk.toString());
      if (!match) return;
      listening = true;
      resolve({
        url: match[1]!,
        pid: proc.pid!,
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
