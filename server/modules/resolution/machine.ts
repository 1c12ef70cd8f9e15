import type { ResolutionRequest, ResolutionStatus } from '../../../db/schema.js';
import { Problem, problems } from '../../http/problem.js';
import { allowedActions, defineMachine, type Transition } from '../../machines/apply.js';

/**
 * The resolution request (RES-1..9) as data. Its actors are relative to the request: the
 * party who sent it (`requester`), the other party (`recipient`), the scheduler's windows
 * (`system`, RES-3..5) and support deciding an escalation (`staff`, RES-7).
 */
export type RequestActor = 'requester' | 'recipient' | 'system' | 'staff';

export const REQUEST_TRANSITIONS = [
  {
    name: 'recipient-accept',
    from: ['open'],
    to: 'accepted',
    actor: 'recipient',
    rule: 'RES-1, RES-3, RES-5',
  },
  { name: 'recipient-decline', from: ['open'], to: 'declined', actor: 'recipient', rule: 'RES-2' },
  { name: 'requester-withdraw', from: ['open'], to: 'withdrawn', actor: 'requester', rule: 'RES-6' },
  {
    name: 'recipient-answer-update',
    from: ['open'],
    to: 'answered',
    actor: 'recipient',
    rule: 'RES-4',
    description: "The seller's order message answers an open update request.",
    consequence: true,
  },
  {
    name: 'auto-accept-unanswered-cancel',
    from: ['open'],
    to: 'accepted',
    actor: 'system',
    rule: 'RES-3',
    description: 'A cancellation request unanswered in its window is accepted: mutually cancelled.',
  },
  { name: 'auto-expire', from: ['open'], to: 'expired', actor: 'system', rule: 'RES-4, RES-5' },
  { name: 'requester-escalate', from: ['declined'], to: 'escalated', actor: 'requester', rule: 'RES-7' },
  { name: 'recipient-escalate', from: ['declined'], to: 'escalated', actor: 'recipient', rule: 'RES-7' },
  {
    name: 'support-decide-escalated',
    from: ['escalated'],
    to: 'resolved',
    actor: 'staff',
    rule: 'RES-7',
    consequence: true,
  },
] as const satisfies readonly Transition<ResolutionStatus, RequestActor>[];

export type RequestTransition = (typeof REQUEST_TRANSITIONS)[number]['name'];

export const REQUEST_MACHINE = defineMachine<ResolutionStatus, RequestActor, never, 'resolution_requests'>({
  table: 'resolution_requests',
  // RES-1: the buyer's own extension needs nobody's consent: it is born accepted.
  initial: ['open', 'accepted'],
  column: 'status',
  stateFirst: true,
  transitions: REQUEST_TRANSITIONS,
  conflict: (status, t) =>
    t.name.endsWith('-escalate')
      ? new Problem({
          status: 409,
          slug: 'not-escalatable',
          title: 'Cannot escalate',
          detail: 'Only a declined cancellation request can be escalated to support (RES-7).',
        })
      : new Problem({
          status: 409,
          slug: 'request-not-open',
          title: 'Request not open',
          detail: `This request is ${status} already.`,
          extra: { state: status },
        }),
  forbidden: (t) =>
    problems.forbidden(
      t.actor === 'requester'
        ? 'Only the sender withdraws a request.'
        : 'The other party answers a request, not its sender.',
    ),
});

/** The caller's actor on a request: the party who sent it, or the other one. */
export function requestActor(
  req: Pick<ResolutionRequest, 'requester_role'>,
  role: 'buyer' | 'seller' | null,
): RequestActor | null {
  if (!role) return null;
  return role === req.requester_role ? 'requester' : 'recipient';
}

/**
 * What the caller may do on a request now. An update request is answered with an order
 * message (RES-4), and only a cancellation is escalated (RES-7); escalation also needs
 * the order still open.
 */
export function requestActions(
  req: Pick<ResolutionRequest, 'requester_role' | 'status' | 'kind'>,
  role: 'buyer' | 'seller' | null,
  orderOpen: boolean,
): RequestTransition[] {
  return allowedActions(REQUEST_MACHINE, req.status, requestActor(req, role), (t) => {
    if (t.name === 'recipient-accept' || t.name === 'recipient-decline') return req.kind !== 'update';
    if (t.name.endsWith('-escalate')) return req.kind === 'cancel' && orderOpen;
    return true;
  }) as RequestTransition[];
}

/** RES-7: an escalated cancellation waits for support's decision. */
export type EscalationStatus = 'open' | 'decided';
export const ESCALATION_TRANSITIONS = [
  { name: 'support-decide', from: ['open'], to: 'decided', actor: 'staff', rule: 'RES-7' },
] as const satisfies readonly Transition<EscalationStatus, 'staff'>[];

export const ESCALATION_MACHINE = defineMachine<EscalationStatus, 'staff', never, 'escalations'>({
  table: 'escalations',
  column: 'status',
  initial: ['open'],
  transitions: ESCALATION_TRANSITIONS,
});

export function escalationActions(e: { status: EscalationStatus }, actor: 'staff' | null) {
  return allowedActions(ESCALATION_MACHINE, e.status, actor);
}
