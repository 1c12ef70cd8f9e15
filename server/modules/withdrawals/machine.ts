import type { WithdrawalStatus } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';
import { allowedActions, defineMachine, type Transition } from '../../machines/apply.js';

/**
 * A payout (WDR-4..7, WRN-9) as data: finance approves (twice above the four-eyes threshold),
 * exports the approved ones to the bank file, marks them paid or failed, or rejects them
 * before the money leaves; a block stops the ones not yet at the bank.
 */
export const WITHDRAWAL_TRANSITIONS = [
  {
    name: 'finance-first-approval',
    from: ['pending'],
    to: 'awaiting_second_approval',
    actor: 'staff',
    rule: 'WDR-6',
    consequence: true,
  },
  {
    name: 'finance-approve',
    from: ['pending', 'awaiting_second_approval'],
    to: 'approved',
    actor: 'staff',
    rule: 'WDR-4, WDR-6',
  },
  {
    name: 'finance-reject',
    from: ['pending', 'awaiting_second_approval', 'approved'],
    to: 'rejected',
    actor: 'staff',
    rule: 'WDR-4',
  },
  { name: 'finance-export', from: ['approved'], to: 'exported', actor: 'staff', rule: 'WDR-5' },
  { name: 'finance-mark-paid', from: ['approved', 'exported'], to: 'paid', actor: 'staff', rule: 'WDR-4' },
  {
    name: 'finance-mark-failed',
    from: ['approved', 'exported'],
    to: 'failed',
    actor: 'staff',
    rule: 'WDR-4',
  },
  {
    name: 'block-stop-payout',
    from: ['pending', 'awaiting_second_approval', 'approved'],
    to: 'rejected',
    actor: 'staff',
    rule: 'WRN-9',
    consequence: true,
  },
] as const satisfies readonly Transition<WithdrawalStatus, 'staff'>[];

export type WithdrawalTransition = (typeof WITHDRAWAL_TRANSITIONS)[number]['name'];

const VERB: Record<WithdrawalTransition, string> = {
  'finance-first-approval': 'approve',
  'finance-approve': 'approve',
  'finance-reject': 'reject',
  'finance-export': 'export',
  'finance-mark-paid': 'mark paid',
  'finance-mark-failed': 'mark failed',
  'block-stop-payout': 'reject',
};

export const WITHDRAWAL_MACHINE = defineMachine<WithdrawalStatus, 'staff', never, 'withdrawals'>({
  table: 'withdrawals',
  column: 'status',
  initial: ['pending'],
  transitions: WITHDRAWAL_TRANSITIONS,
  conflict: (status, t, id) => {
    const action = VERB[t.name as WithdrawalTransition];
    return problems.conflict(
      'withdrawal-status',
      `Cannot ${action}`,
      `Withdrawal #${id} is ${status.replace(/_/g, ' ')}; ${action} is possible when it is` +
        ` ${t.from.map((s) => s.replace(/_/g, ' ')).join(' or ')}.`,
      { state: status },
    );
  },
});

/** The states a transition starts from (the queue's filters and overdue flag read them). */
export const fromOf = (name: WithdrawalTransition) =>
  WITHDRAWAL_TRANSITIONS.find((t) => t.name === name)!.from;

/** What finance may do on a payout now. */
export function withdrawalActions(
  w: { status: WithdrawalStatus },
  actor: 'staff' | null,
  guard?: (t: Transition<WithdrawalStatus, 'staff'>) => boolean,
): string[] {
  return allowedActions(WITHDRAWAL_MACHINE, w.status, actor, guard);
}
