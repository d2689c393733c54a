import { spawn } from 'node:child_process';

/** Runs a child with inherited stdio, forwards Ctrl-C / SIGTERM to it, and exits with its code. */
export function runForwarding(cmd, args, options = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', ...options });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
