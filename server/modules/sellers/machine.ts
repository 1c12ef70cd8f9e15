import type { ApplicationStatus } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import { allowedActions, defineMachine, type Transition } from '../../machines/apply.js';

/** SEL-1..3 as data: the applicant submits, trust & safety decides, changes bring it back. */
export type ApplicationActor = 'applicant' | 'staff';

export const APPLICATION_TRANSITIONS = [
  { name: 'approve', from: ['submitted'], to: 'approved', actor: 'staff', rule: 'SEL-2' },
  { name: 'reject', from: ['submitted', 'changes_requested'], to: 'rejected', actor: 'staff', rule: 'SEL-2' },
  { name: 'request-changes', from: ['submitted'], to: 'changes_requested', actor: 'staff', rule: 'SEL-2' },
  {
    name: 'applicant-resubmit',
    from: ['changes_requested'],
    to: 'submitted',
    actor: 'applicant',
    rule: 'SEL-2',
  },
] as const satisfies readonly Transition<ApplicationStatus, ApplicationActor>[];

export type ApplicationDecision = 'approve' | 'reject' | 'request-changes';

export const APPLICATION_MACHINE = defineMachine<
  ApplicationStatus,
  ApplicationActor,
  never,
  'seller_applications'
>({
  table: 'seller_applications',
  column: 'status',
  initial: ['submitted'],
  transitions: APPLICATION_TRANSITIONS,
  conflict: (status, t) =>
    t.actor === 'applicant'
      ? new Problem({
          status: 409,
          slug: 'application-not-editable',
          title: 'Application cannot be edited',
          detail:
            `The application is ${status.replace('_', ' ')}; it can be edited only after the team asked for` +
            ' changes.',
        })
      : new Problem({
          status: 409,
          slug: 'application-state-conflict',
          title: 'Already decided',
          detail:
            `The application is ${status.replace('_', ' ')}; ` +
            `${t.name} needs it to be ${t.from.join(' or ')}.`,
        }),
});

export function applicationActions(a: { status: ApplicationStatus }, actor: ApplicationActor | null) {
  return allowedActions(APPLICATION_MACHINE, a.status, actor);
}
