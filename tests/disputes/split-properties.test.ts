import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitrationFee, feeReturnedTo, splitByPercent } from '../../server/modules/disputes/rules.js';
import { commissionOf } from '../../server/modules/orders/rules.js';

/**
 * DSP-10, DSP-11: for any escrow, split and fee, the postings the decision writes balance,
 * and nobody receives more than the escrow plus their own fee.
 */
describe('dispute splits as properties', () => {
  it('DSP-10, DSP-11: the split postings balance and nobody gets more than the escrow plus their own fee', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.boolean(),
        fc.boolean(),
        (escrow, buyerPercent, feeBp, commissionBp, buyerPaid, sellerPaid) => {
          const fee = arbitrationFee(escrow, { arbitration_fee_bp: feeBp, arbitration_fee_min: 50_000 });
          const { toBuyer, toSeller } = splitByPercent(escrow, buyerPercent);
          const commission = commissionOf(toSeller, commissionBp);
          const winner = feeReturnedTo(buyerPercent);
          const feesIn = (buyerPaid ? fee : 0) + (sellerPaid ? fee : 0);
          const buyerFeeBack = buyerPaid && winner === 'buyer' ? fee : 0;
          const sellerFeeBack = sellerPaid && winner === 'seller' ? fee : 0;
          const feesKept = feesIn - buyerFeeBack - sellerFeeBack;
          // Postings of the settlement and fee entries, summed: escrow and fee pot empty out exactly.
          const postings = [
            -escrow,
            toBuyer,
            toSeller - commission,
            commission,
            -feesIn,
            buyerFeeBack,
            sellerFeeBack,
            feesKept,
          ];
          expect(postings.reduce((a, b) => a + b, 0)).toBe(0);
          expect([toBuyer, toSeller, commission, feesKept].every((x) => Number.isInteger(x) && x >= 0)).toBe(
            true,
          );
          expect(toBuyer + buyerFeeBack).toBeLessThanOrEqual(escrow + (buyerPaid ? fee : 0));
          expect(toSeller - commission + sellerFeeBack).toBeLessThanOrEqual(escrow + (sellerPaid ? fee : 0));
          if (buyerPercent === 50) expect(buyerFeeBack + sellerFeeBack).toBe(0);
          expect(fee).toBeGreaterThanOrEqual(50_000);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
