import type { RefundStatus } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import { allowedActions, defineMachine, type Transition } from '../../machines/apply.js';

/** REF-1..6: a refund request waits in the support queue until support decides it once. */
export const REFUND_TRANSITIONS = [
  { name: 'support-approve', from: ['open'], to: 'approved', actor: 'staff', rule: 'REF-4, REF-5' },
  {
    name: 'support-approve-partial',
    from: ['open'],
    to: 'partially_approved',
    actor: 'staff',
    rule: 'REF-4, REF-5',
  },
  { name: 'support-reject', from: ['open'], to: 'rejected', actor: 'staff', rule: 'REF-4' },
] as const satisfies readonly Transition<RefundStatus, 'staff'>[];

export type RefundTransition = (typeof REFUND_TRANSITIONS)[number]['name'];

export const REFUND_MACHINE = defineMachine<RefundStatus, 'staff', never, 'refund_requests'>({
  table: 'refund_requests',
  column: 'status',
  initial: ['open'],
  transitions: REFUND_TRANSITIONS,
  conflict: (status) =>
    new Problem({
      status: 409,
      slug: 'refund-decided',
      title: 'Already decided',
      detail: `This refund request was ${status.replace('_', ' ')} already by another agent.`,
      extra: { state: status },
    }),
});

/** What staff may do on a refund request now (approve in full or in part, reject). */
export function refundActions(r: { status: RefundStatus }, actor: 'staff' | null): RefundTransition[] {
  return allowedActions(REFUND_MACHINE, r.status, actor) as RefundTransition[];
}
