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
