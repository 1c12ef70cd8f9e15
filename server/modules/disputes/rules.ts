import type { DisputeStage } from '../../../db/schema.js';
import { basisPoints } from '../../money.js';

/** DSP-12: the arbitration fee, a percentage of the disputed amount with a minimum. */
export function arbitrationFee(
  disputed: number,
  s: { arbitration_fee_bp: number; arbitration_fee_min: number },
): number {
  return Math.max(basisPoints(disputed, s.arbitration_fee_bp), s.arbitration_fee_min);
}

/**
 * DSP-10: a split in whole percentages of the escrow; the buyer's part rounds down, the seller gets the rest.
 */
export function splitByPercent(escrow: number, buyerPercent: number): { toBuyer: number; toSeller: number } {
  if (!Number.isInteger(buyerPercent) || buyerPercent < 0 || buyerPercent > 100)
    throw new RangeError('percent 0..100');
  const toBuyer = Math.floor((escrow * buyerPercent) / 100);
  return { toBuyer, toSeller: escrow - toBuyer };
}

/** DSP-11: the fee of the party awarded the larger share comes back; on exactly 50/50 neither does. */
export function feeReturnedTo(buyerPercent: number): 'buyer' | 'seller' | null {
  if (buyerPercent > 50) return 'buyer';
  if (buyerPercent < 50) return 'seller';
  return null;
}

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
] as const satisfies readonly {
  name: string;
  from: readonly DisputeStage[];
  actor: 'party' | 'system' | 'staff';
  to: DisputeStage;
  rule: string;
}[];

export type DisputeTransition = (typeof DISPUTE_TRANSITIONS)[number]['name'];
