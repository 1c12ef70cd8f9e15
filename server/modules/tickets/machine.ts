import type { TicketStatus } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import { allowedActions, defineMachine, workActions, type Transition } from '../../machines/apply.js';

export type TicketActor = 'user' | 'staff' | 'system';

/** Where staff can still work a ticket (everything before solved). */
export const ACTIVE: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

/**
 * SUP-2: new → open → pending (waiting for the user) / on_hold (waiting inside) → solved → closed.
 * A user's reply moves pending or solved back to open; pending without a reply becomes solved, solved
 * becomes closed, both on the scheduler (`auto-*`); a closed ticket is never reopened.
 */
export const TICKET_TRANSITIONS = [
  { name: 'staff-open', from: ['new', 'pending', 'on_hold'], to: 'open', actor: 'staff', rule: 'SUP-2' },
  { name: 'staff-pend', from: ['new', 'open', 'on_hold'], to: 'pending', actor: 'staff', rule: 'SUP-2' },
  { name: 'staff-hold', from: ['new', 'open', 'pending'], to: 'on_hold', actor: 'staff', rule: 'SUP-2' },
  { name: 'staff-solve', from: ACTIVE, to: 'solved', actor: 'staff', rule: 'SUP-2' },
  {
    name: 'staff-merge',
    from: [...ACTIVE, 'solved'],
    to: 'closed',
    actor: 'staff',
    rule: 'SUP-2',
    description: 'Close a duplicate into another ticket; its thread moves there',
  },
  {
    name: 'user-reply-reopen',
    from: ['pending', 'solved'],
    to: 'open',
    actor: 'user',
    rule: 'SUP-2',
    consequence: true,
  },
  { name: 'auto-solve-pending', from: ['pending'], to: 'solved', actor: 'system', rule: 'SUP-2' },
  { name: 'auto-close-solved', from: ['solved'], to: 'closed', actor: 'system', rule: 'SUP-2' },
] as const satisfies readonly Transition<TicketStatus, TicketActor>[];

export type TicketTransition = (typeof TICKET_TRANSITIONS)[number]['name'];

export const TICKET_MACHINE = defineMachine<TicketStatus, TicketActor, never, 'tickets'>({
  table: 'tickets',
  column: 'status',
  initial: ['new'],
  transitions: TICKET_TRANSITIONS,
  stateFirst: true,
  conflict: (status, t) =>
    new Problem({
      status: 409,
      slug: 'ticket-state-conflict',
      title: 'Not possible in this state',
      detail:
        status === 'closed'
          ? 'This ticket is closed and cannot be reopened; ' +
            'open a new ticket, it will link to this one (SUP-2).'
          : `The ticket is ${status.replace('_', ' ')}; ${t.name} needs ${t.from.join(' or ')}.`,
      extra: { state: status, transition: t.name },
    }),
});

/** The transition staff fire to put a ticket in `status` (a reply or macro may set one). */
export const STAFF_SET: Record<'open' | 'pending' | 'on_hold' | 'solved', TicketTransition> = {
  open: 'staff-open',
  pending: 'staff-pend',
  on_hold: 'staff-hold',
  solved: 'staff-solve',
};

/** Work on a ticket that is not a transition: allowed while staff can still move it (not closed). */
export const TICKET_WORK = ['staff-reply', 'staff-route', 'staff-tag', 'staff-refund'] as const;

export function ticketActions(t: { status: TicketStatus }, actor: TicketActor | null): string[] {
  return [
    ...allowedActions(TICKET_MACHINE, t.status, actor),
    ...workActions(TICKET_MACHINE, t.status, actor, TICKET_WORK),
  ];
}
