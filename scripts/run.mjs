// Runs a TypeScript entry point (or a pnpm command with --pnpm) after making sure dependencies exist.
import path from 'node:path';
import { ensureDependencies, root, runPnpm, tsxBin } from './lib/ensure-deps.mjs';
import { runForwarding } from './lib/run-forwarding.mjs';
import { withServerNodeOptions } from './lib/server-node-options.mjs';

ensureDependencies();
const [first, ...rest] = process.argv.slice(2);
if (first === '--pnpm') process.exit(runPnpm(rest));
runForwarding(tsxBin(), [path.join(root, first), ...rest], {
  cwd: root,
  env: withServerNodeOptions(),
});
