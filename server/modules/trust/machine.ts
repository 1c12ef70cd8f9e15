import { Problem } from '../../http/problem.js';
import type { UserStatus } from '../../../db/schema.js';
import { allowedActions, can, defineMachine, type Transition } from '../../machines/apply.js';
import { ACCOUNT_MACHINE } from '../accounts/machine.js';

/** WRN-10: a report waits in the trust & safety queue until it is dismissed or acted on, once. */
export type ReportStatus = 'open' | 'dismissed' | 'actioned';

export const REPORT_TRANSITIONS = [
  { name: 'dismiss', from: ['open'], to: 'dismissed', actor: 'staff', rule: 'WRN-10' },
  { name: 'warn', from: ['open'], to: 'actioned', actor: 'staff', rule: 'WRN-10, WRN-1' },
  { name: 'remove-service', from: ['open'], to: 'actioned', actor: 'staff', rule: 'WRN-10' },
  { name: 'block', from: ['open'], to: 'actioned', actor: 'staff', rule: 'WRN-7' },
] as const satisfies readonly Transition<ReportStatus, 'staff'>[];

export type ReportTransition = (typeof REPORT_TRANSITIONS)[number]['name'];

export const REPORT_MACHINE = defineMachine<ReportStatus, 'staff', never, 'reports'>({
  table: 'reports',
  column: 'status',
  initial: ['open'],
  transitions: REPORT_TRANSITIONS,
  conflict: (status) =>
    new Problem({
      status: 409,
      slug: 'report-decided',
      title: 'Already decided',
      detail: `This report was ${status} already.`,
    }),
});

/**
 * What staff may do on a report now: removing a service needs a reported service; warning
 * and blocking need the reported user's account open to them (WRN-1, WRN-7).
 */
export function reportActions(
  r: { status: ReportStatus; subject_type: string },
  actor: 'staff' | null,
  subjectStatus: UserStatus,
) {
  return allowedActions(REPORT_MACHINE, r.status, actor, (t) => {
    if (t.name === 'remove-service') return r.subject_type === 'service';
    if (t.name === 'warn') return can(ACCOUNT_MACHINE, subjectStatus, 'staff-suspend', 'staff');
    if (t.name === 'block') return can(ACCOUNT_MACHINE, subjectStatus, 'block', 'staff');
    return true;
  });
}
