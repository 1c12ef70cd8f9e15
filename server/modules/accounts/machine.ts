import type { UserStatus } from '../../../db/schema.js';
import { Problem, problems } from '../../http/problem.js';
import {
  allowedActions,
  canStillAct,
  defineMachine,
  transitionOf,
  type Transition,
} from '../../machines/apply.js';

/**
 * The account status of a user (ACC-1, ACC-5, ACC-6, WRN-4..9) as data: pending until the emailed
 * link activates it, suspended by a warning until its date or until staff lift it, blocked
 * by trust & safety, deactivated by its owner.
 */
export type AccountActor = 'user' | 'staff' | 'system';

export const ACCOUNT_TRANSITIONS = [
  { name: 'user-activate', from: ['pending_activation'], to: 'active', actor: 'user', rule: 'ACC-1' },
  { name: 'user-deactivate', from: ['active', 'suspended'], to: 'deactivated', actor: 'user', rule: 'ACC-5' },
  {
    name: 'staff-suspend',
    from: ['pending_activation', 'active', 'suspended'],
    to: 'suspended',
    actor: 'staff',
    rule: 'WRN-4, WRN-6',
    description: 'A warning whose consequence is a suspension.',
    consequence: true,
  },
  { name: 'lift-suspension', from: ['suspended'], to: 'active', actor: 'staff', rule: 'WRN-8' },
  { name: 'auto-end-suspension', from: ['suspended'], to: 'active', actor: 'system', rule: 'ACC-6' },
  {
    name: 'block',
    from: ['pending_activation', 'active', 'suspended', 'deactivated'],
    to: 'blocked',
    actor: 'staff',
    rule: 'WRN-7, WRN-9',
  },
] as const satisfies readonly Transition<UserStatus, AccountActor>[];

export type AccountTransition = (typeof ACCOUNT_TRANSITIONS)[number]['name'];

export const ACCOUNT_MACHINE = defineMachine<UserStatus, AccountActor, never, 'users'>({
  table: 'users',
  column: 'status',
  initial: ['pending_activation'],
  transitions: ACCOUNT_TRANSITIONS,
  conflict: (status, t) => {
    switch (t.name) {
      case 'user-activate':
        return problems.conflict('account-not-pending', 'Account not pending', `The account is ${status}.`);
      case 'staff-suspend':
        return new Problem({
          status: 409,
          slug: 'account-closed',
          title: 'Account closed',
          detail: `The account is ${status}.`,
        });
      case 'block':
        return new Problem({
          status: 409,
          slug: 'already-blocked',
          title: 'Already blocked',
          detail: 'The account is blocked already.',
        });
      default:
        return new Problem({
          status: 409,
          slug: 'not-suspended',
          title: 'Not suspended',
          detail: `The account is ${status}.`,
        });
    }
  },
});

/**
 * What staff may do on a user's account now: its transitions, `warn` where a warning's suspension could
 * follow (the check `issueWarning` makes), and `set-level` of a seller where staff can still act at all.
 */
export function accountActions(u: { status: UserStatus; isSeller?: boolean }, actor: AccountActor | null) {
  const actions = allowedActions(ACCOUNT_MACHINE, u.status, actor);
  if (actor !== 'staff') return actions;
  if (transitionOf(ACCOUNT_MACHINE, 'staff-suspend').from.includes(u.status)) actions.push('warn');
  if (u.isSeller && canStillAct(ACCOUNT_MACHINE, u.status, 'staff')) actions.push('set-level');
  return actions;
}

/** SEL-4: a level is set by hand on an account staff can still act on (not a blocked one). */
export function checkSetLevel(status: UserStatus) {
  if (!canStillAct(ACCOUNT_MACHINE, status, 'staff'))
    throw new Problem({
      status: 409,
      slug: 'account-closed',
      title: 'Account closed',
      detail: `The account is ${status}.`,
    });
}
