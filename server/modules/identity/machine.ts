import { problems } from '../../http/problem.js';
import { allowedActions, defineMachine, type Transition } from '../../machines/apply.js';

/** ACC-7: an identity check is submitted once and decided once by trust & safety. */
export type IdentityCheckStatus = 'submitted' | 'approved' | 'rejected';

export const IDENTITY_TRANSITIONS = [
  { name: 'approve', from: ['submitted'], to: 'approved', actor: 'staff', rule: 'ACC-7' },
  { name: 'reject', from: ['submitted'], to: 'rejected', actor: 'staff', rule: 'ACC-7, OPS-6' },
] as const satisfies readonly Transition<IdentityCheckStatus, 'staff'>[];

export const IDENTITY_MACHINE = defineMachine<IdentityCheckStatus, 'staff', never, 'identity_checks'>({
  table: 'identity_checks',
  column: 'status',
  initial: ['submitted'],
  transitions: IDENTITY_TRANSITIONS,
  conflict: (status) =>
    problems.conflict(
      'identity-check-decided',
      'Already decided',
      `This identity check was ${status} already.`,
    ),
});

export function identityCheckActions(c: { status: IdentityCheckStatus }, actor: 'staff' | null) {
  return allowedActions(IDENTITY_MACHINE, c.status, actor);
}
