import type { DisputeStage } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import { allowedActions, defineMachine, type Transition } from '../../machines/apply.js';

/** Who moves a dispute: either party, staff, or the scheduler's deadlines. */
export type DisputeActor = 'party' | 'system' | 'staff';

/**
 * The dispute process as data (DSP-1..11): stage, event, who, next stage. `auto-*` events
 * are fired by the scheduler (5-day deadlines), `support-*` by staff.
 */
export const DISPUTE_TRANSITIONS = [
  {
    name: 'party-accept-offer',
    from: ['negotiation', 'final_offer', 'awaiting_default_approval', 'awaiting_final_approval'],
    actor: 'party',
    to: 'closed',
    rule: 'DSP-6, DSP-9',
  },
  {
    name: 'auto-await-default-approval',
    from: ['negotiation'],
    actor: 'system',
    to: 'awaiting_default_approval',
    rule: 'DSP-4',
  },
  {
    name: 'support-approve-default-award',
    from: ['awaiting_default_approval'],
    actor: 'staff',
    to: 'closed',
    rule: 'DSP-4',
  },
  {
    name: 'support-refuse-default-award',
    from: ['awaiting_default_approval'],
    actor: 'staff',
    to: 'negotiation',
    rule: 'DSP-4',
  },
  {
    name: 'party-request-arbitration',
    from: ['negotiation', 'awaiting_default_approval'],
    actor: 'party',
    to: 'final_offer',
    rule: 'DSP-7, DSP-8',
  },
  {
    name: 'party-pay-arbitration-fee',
    from: ['final_offer'],
    actor: 'party',
    to: 'arbitration',
    rule: 'DSP-10',
  },
  {
    name: 'auto-await-final-approval',
    from: ['final_offer'],
    actor: 'system',
    to: 'awaiting_final_approval',
    rule: 'DSP-8',
  },
  {
    name: 'support-approve-final-award',
    from: ['awaiting_final_approval'],
    actor: 'staff',
    to: 'closed',
    rule: 'DSP-8',
  },
  {
    name: 'support-refuse-final-award',
    from: ['awaiting_final_approval'],
    actor: 'staff',
    to: 'arbitration',
    rule: 'DSP-8',
  },
  {
    name: 'support-decide-arbitration',
    from: ['arbitration'],
    actor: 'staff',
    to: 'closed',
    rule: 'DSP-10, DSP-11',
  },
] as const satisfies readonly Transition<DisputeStage, DisputeActor>[];

export type DisputeTransition = (typeof DISPUTE_TRANSITIONS)[number]['name'];

export const DISPUTE_MACHINE = defineMachine<DisputeStage, DisputeActor, never, 'disputes'>({
  table: 'disputes',
  column: 'stage',
  initial: ['negotiation'],
  transitions: DISPUTE_TRANSITIONS,
  conflict: (stage, t) =>
    stageConflict(stage, 'Not possible at this stage', `; ${t.name} needs ${t.from.join(' or ')}`),
});

/** 409 for a dispute at the wrong stage: the title says what was refused, the detail where it stands. */
export function stageConflict(stage: string, title: string, needs = ''): Problem {
  return new Problem({
    status: 409,
    slug: 'dispute-stage-conflict',
    title,
    detail: `The dispute is at ${stage.replace(/_/g, ' ')}${needs}.`,
    extra: {
      stage,
    },
  });
}

/** What a user or staff member may do on a dispute now (the case page and the parties' view list it). */
export function disputeActions(
  d: { stage: DisputeStage },
  actor: DisputeActor | null,
  guard?: (t: Transition<DisputeStage, DisputeActor>) => boolean,
): DisputeTransition[] {
  return allowedActions(DISPUTE_MACHINE, d.stage, actor, guard) as DisputeTransition[];
}

/** DSP-6: an offer is open until the other party accepts it or a newer offer replaces it. */
export type OfferStatus = 'open' | 'accepted' | 'superseded';
export const OFFER_TRANSITIONS = [
  { name: 'party-accept-offer', from: ['open'], to: 'accepted', actor: 'party', rule: 'DSP-6' },
  {
    name: 'party-supersede-offer',
    from: ['open'],
    to: 'superseded',
    actor: 'party',
    rule: 'DSP-6',
    consequence: true,
  },
] as const satisfies readonly Transition<OfferStatus, 'party'>[];

export const OFFER_MACHINE = defineMachine<OfferStatus, 'party', never, 'dispute_offers'>({
  table: 'dispute_offers',
  column: 'status',
  initial: ['open'],
  transitions: OFFER_TRANSITIONS,
  conflict: (status) =>
    new Problem({
      status: 409,
      slug: 'offer-not-open',
      title: 'Offer not open',
      detail: `This offer is ${status}.`,
    }),
});
