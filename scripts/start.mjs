// `npm start`: dependencies, then the TypeScript orchestrator (database, migrations, seed, SPA, BFF).
import path from 'node:path';
import { ensureDependencies, root, tsxBin } from './lib/ensure-deps.mjs';
import { runForwarding } from './lib/run-forwarding.mjs';
import { withServerNodeOptions } from './lib/server-node-options.mjs';

ensureDependencies();
runForwarding(tsxBin(), [path.join(root, 'apps/bff/src/cli/start.ts'), ...process.argv.slice(2)], {
  cwd: root,
  env: withServerNodeOptions(),
});
