import { ActionPolicySchema } from '@watchfloor/shared/actions/policy';
import { createPool } from '../../../db/pool.ts';
import { createLogger } from '../../../logger.ts';
import { TEST_AUDIT_KEY } from '../../../testing/test-app.ts';
import { createActionsDeps, type ActionsDeps, type TransactionPoint } from '../actions-deps.ts';
import { InMemoryPolicySource } from '../policy/policy-source.ts';
import { approveAction } from '../workflow/decisions.service.ts';
import { executeAction } from '../workflow/execution.service.ts';

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
const deps: ActionsDeps = {
  // Built by the server's own factory, as the process under test would be.
  ...createActionsDeps({
    pool,
    auditKey: TEST_AUDIT_KEY,
    logger: createLogger('silent'),
    policy: new InMemoryPolicySource(
      ActionPolicySchema.parse(JSON.parse(Buffer.from(policy, 'base64').toString('utf8'))),
    ),
  }),
  executeOnApproval: false,
  hooks: {
    inTransaction: async (at, info) => {
      if (at !== point || info.to !== to) return;
      process.stdout.write('paused-in-transaction\n');
      await new Promise(() => undefined);
    },
  },
};
if (operation === 'approve')
  await approveAction(
    deps,
    { username, displayName: username, roles: ['approver'], teams: ['*'] },
    Number(id),
    null,
  );
else await executeAction(deps, Number(id), username);
process.stdout.write('finished-without-pausing\n');
process.exit(3);
