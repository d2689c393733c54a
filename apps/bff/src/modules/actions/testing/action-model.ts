import type { ActionState } from '@watchfloor/shared/actions/states';
import type { Role } from '@watchfloor/shared/auth';
import type { TestUser } from '../../../testing/test-app.ts';

/** An in-memory model of one action's life, written from the design, not from the code. */
export type ModelType = 'restart_entity' | 'drain_entity' | 'flush_queue';
export type Verb = 'propose' | 'approve' | 'reject' | 'cancel' | 'rollback';

/** The fleet-wide test users; team scope has its own tests (team-scope.test.ts). */
export const MODEL_USERS = {
  operator: ['operator'],
  operator2: ['operator'],
  approver: ['approver'],
  approver2: ['approver'],
  admin: ['admin'],
  manager: ['manager'],
  polymath: ['operator', 'approver', 'admin'],
} satisfies Partial<Record<TestUser, Role[]>>;
export type ModelUser = keyof typeof MODEL_USERS;
export const MODEL_USER_NAMES = Object.keys(MODEL_USERS) as ModelUser[];

const ROUTE_ROLES: Record<Verb, Role[]> = {
  propose: ['operator', 'approver', 'admin'],
  approve: ['approver', 'admin'],
  reject: ['approver', 'admin'],
  cancel: ['operator', 'approver', 'admin'],
  rollback: ['operator', 'approver', 'admin'],
};
const REQUIRED: Record<ModelType, number> = { restart_entity: 0, drain_entity: 1, flush_queue: 2 };

export interface ActionModel {
  state: ActionState | 'none';
  type: ModelType | null;
  proposer: string | null;
  approvers: string[];
  /** Its expiry has passed (by database time) but nothing has recorded it yet. */
  overdue: boolean;
}

export const initialModel = (): ActionModel => ({
  state: 'none',
  type: null,
  proposer: null,
  approvers: [],
  overdue: false,
});

/** The HTTP status the design promises for `verb` by `user`, applying the change to the model. */
export function expectedOutcome(
  m: ActionModel,
  verb: Verb,
  user: ModelUser,
  type?: ModelType,
): number {
  if (!MODEL_USERS[user].some((role) => ROUTE_ROLES[verb].includes(role))) return 403;
  if (verb === 'propose') {
    m.state = REQUIRED[type!] === 0 ? 'executed' : 'proposed';
    m.type = type!;
    m.proposer = user;
    return 201;
  }
  if (verb === 'rollback') {
    if (m.state !== 'executed' || m.type !== 'drain_entity') return 409;
    m.state = 'rolled_back';
    return 200;
  }
  if (m.state !== 'proposed') return 409;
  if (m.overdue) {
    m.state = 'expired';
    m.overdue = false;
    return 409;
  }
  if (verb === 'cancel') {
    if (user !== m.proposer) return 403;
    m.state = 'cancelled';
    return 200;
  }
  if (user === m.proposer) return 403;
  if (verb === 'reject') {
    m.state = 'rejected';
    return 200;
  }
  if (m.approvers.includes(user)) return 409;
  m.approvers.push(user);
  if (m.approvers.length >= REQUIRED[m.type!]) m.state = 'executed';
  return 200;
}
