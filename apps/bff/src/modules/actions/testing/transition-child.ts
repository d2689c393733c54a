import { ActionPolicySchema } from '@watchfloor/shared/actions/policy';
import { createPool } from '../../../db/pool.ts';
import type { TransactionPoint } from '../actions-deps.ts';
import { approveAction } from '../decisions.service.ts';
import { executeAction } from '../execution.service.ts';
import { executorRegistry } from '../executors/executor.ts';
import { createSimulatedFleetExecutor } from '../executors/simulated-fleet.executor.ts';
import { InMemoryPolicySource } from '../policy-source.ts';
import { TEST_AUDIT_KEY } from './actions-test-app.ts';

/**
 * A BFF process that stops inside an action transaction at a chosen point and says so on stdout;
 * the test kills it there with SIGKILL. Arguments: database URL, approve|execute, action id,
 * acting user, pause point, the state the paused transition moves to, the policy as base64 JSON.
 */
const [url, operation, id, username, point, to, policy] = process.argv.slice(2) as [
  string,
  'approve' | 'execute',
  string,
  string,
  TransactionPoint,
  string,
  string,
];
const pool = createPool({ url, connectionLimit: 4 });
const deps = {
  pool,
  auditKey: TEST_AUDIT_KEY,
  policy: new InMemoryPolicySource(
    ActionPolicySchema.parse(JSON.parse(Buffer.from(policy, 'base64').toString('utf8'))),
  ),
  executorFor: executorRegistry(createSimulatedFleetExecutor()),
  executeOnApproval: false,
  hooks: {
    inTransaction: async (at: TransactionPoint, info: { to: string }) => {
      if (at !== point || info.to !== to) return;
      process.stdout.write('paused-in-transaction\n');
      await new Promise(() => undefined);
    },
  },
};
if (operation === 'approve')
  await approveAction(
    deps,
    { username, displayName: username, roles: ['approver'] },
    Number(id),
    null,
  );
else await executeAction(deps, Number(id), username);
process.stdout.write('finished-without-pausing\n');
process.exit(3);
