// `npm test`: dependencies and system packages, then typecheck, unit, integration and e2e tests
// against throwaway databases (see apps/bff/src/cli/test-all.ts).
import path from 'node:path';
import { ensureDependencies, root, tsxBin } from './lib/ensure-deps.mjs';
import { ensureSystemPackages } from './lib/system-packages.mjs';
import { runForwarding } from './lib/run-forwarding.mjs';
import { withServerNodeOptions } from './lib/server-node-options.mjs';

ensureDependencies();
ensureSystemPackages();
runForwarding(
  tsxBin(),
  [path.join(root, 'apps/bff/src/cli/test-all.ts'), ...process.argv.slice(2)],
  { cwd: root, env: withServerNodeOptions() },
);
