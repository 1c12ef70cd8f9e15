/** Pure money rules of an order (MNY-1: integers only). */

/** ORD-4: the commission on a released amount, basis points rounded half up. */
export function commissionOf(amount: number, commissionBp: number): number {
  return Math.floor((amount * commissionBp + 5000) / 10_000);
}

/** What the seller earns from a released amount. */
export function sellerShare(amount: number, commissionBp: number): number {
  return amount - commissionOf(amount, commissionBp);
}

export const DAY_MS = 86_400_000;
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

/** RVW-5: a tip needs the buyer's review to be above 3 stars (mean of the three ratings). */
export function reviewAllowsTip(r: { communication: number; as_described: number; recommend: number }): boolean {
  return r.communication + r.as_described + r.recommend > 9;
}
