/** Pure money rules of an order (MNY-1: integers only). */

import { basisPoints } from '../../money.js';

/** ORD-4: the commission on a released amount, basis points rounded half up. */
export function commissionOf(amount: number, commissionBp: number): number {
  return basisPoints(amount, commissionBp);
}

/** What the seller earns from a released amount. */
export function sellerShare(amount: number, commissionBp: number): number {
  return amount - commissionOf(amount, commissionBp);
}

export const DAY_MS = 86_400_000;
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

/**
 * RVW-3, double blind: an order's reviews show to the other party once both have reviewed or the review
 * window has closed.
 */
export function reviewsRevealed(
  reviewsOnOrder: number,
  completedAt: Date | null,
  windowDays: number,
  now: Date,
): boolean {
  return reviewsOnOrder >= 2 || (completedAt !== null && addDays(completedAt, windowDays) <= now);
}

/** RVW-5: a tip needs the buyer's review to be above 3 stars (mean of the three ratings). */
export function reviewAllowsTip(r: {
  communication: number;
  as_described: number;
  recommend: number;
}): boolean {
  return r.communication + r.as_described + r.recommend > 9;
}

export interface EscrowSplit {
  milestoneId: number;
  held: number;
  toBuyer: number;
  toSeller: number;
  commission: number;
}

/**
 * RES-7/RES-8: how a cancellation splits what each milestone holds in escrow: the buyer's
 * credit is taken from the milestones in order, the rest goes to the seller less the
 * commission. Used by the cancellation itself and by the preview support sees first.
 */
export function splitEscrow(
  held: { milestoneId: number; held: number }[],
  buyerCredit: number,
  commissionBp: number,
): EscrowSplit[] {
  let left = buyerCredit;
  return held.map((h) => {
    const toBuyer = Math.min(h.held, left);
    left -= toBuyer;
    const gross = h.held - toBuyer;
    const commission = commissionOf(gross, commissionBp);
    return { milestoneId: h.milestoneId, held: h.held, toBuyer, toSeller: gross - commission, commission };
  });
}
