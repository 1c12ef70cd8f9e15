import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { useTestApp } from '../helpers/context.js';
import { CARD, makeOrder } from '../helpers/market.js';
import { trialBalance } from '../../server/modules/ledger/ledger.js';

const t = useTestApp();
const DAY = 86_400;

/** A platform account's balance is the sum of its postings (they keep no cached balance). */
async function platform(kind: 'revenue' | 'arbitration_fees'): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('postings')
    .innerJoin('ledger_accounts', 'ledger_accounts.id', 'postings.account_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('postings.amount'), eb.lit(0)).as('sum'))
    .where('ledger_accounts.code', '=', `platform:${kind}`)
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

/**
 * DSP-10, DSP-11 through the HTTP API: for random prices and splits, the decision's
 * postings balance (trial balance stays zero) and neither party receives more than the
 * escrow plus their own fee.
 */
describe('arbitration decisions as properties', () => {
  it(`DSP-10, DSP-11: any split of any escrow balances the books and pays nobody \
more than escrow plus own fee`, async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
    console.log(`arbitration property seed: ${seed}`);
    const support = await t.staff('support');
    const bp = (await (await t.staff('admin')).get('/api/admin/settings/commission_bp')).body.value as number;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10_000, max: 50_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        async (price, buyerPercent) => {
          const o = await makeOrder(t, { upTo: 'delivered', price });
          const d = (
            await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
              milestoneId: o.milestoneId,
              reason: 'Property test dispute.',
              amount: 0,
            })
          ).body;
          await o.seller.post(`/api/v1/disputes/${d.id}/statements`, { text: 'Response.' });
          await t.advance(5 * DAY);
          const fee = (await o.buyer.post(`/api/v1/disputes/${d.id}/arbitration`, CARD)).body.fee as number;
          expect((await o.seller.post(`/api/v1/disputes/${d.id}/arbitration/pay`, CARD)).status).toBe(200);
          const revenueBefore = await platform('revenue');
          const potBefore = await platform('arbitration_fees');
          const res = await support.post(`/api/admin/disputes/${d.id}/decide`, {
            buyerPercent,
            sellerPercent: 100 - buyerPercent,
            reason: 'property test',
          });
          expect(res.status).toBe(200);
          const buyer = (await o.buyer.get('/api/v1/me/balance')).body;
          const seller = (await o.seller.get('/api/v1/me/balance')).body;
          expect(buyer.credit).toBeLessThanOrEqual(price + fee);
          expect(seller.pending + seller.credit).toBeLessThanOrEqual(price + fee);
          expect(buyer.credit + seller.pending + seller.credit).toBeLessThanOrEqual(price + 2 * fee);
          // Exactly: the escrow and both fees leave the escrow and the fee pot, and land with the buyer,
          // the seller and revenue; nothing is created or lost (MNY-2).
          const revenueIn = (await platform('revenue')) - revenueBefore;
          expect(potBefore - (await platform('arbitration_fees'))).toBe(2 * fee);
          expect(buyer.credit + seller.pending + seller.credit + revenueIn).toBe(price + 2 * fee);
          // DSP-11: the larger share gets its fee back (to credit); on 50/50 neither does.
          const buyerFeeBack = buyerPercent > 50 ? fee : 0;
          expect(seller.credit).toBe(buyerPercent < 50 ? fee : 0);
          // DSP-10: the buyer's part is their percentage of the escrow, rounded down to the rupiah
          // (the seller gets the rest).
          const toBuyer = buyer.credit - buyerFeeBack;
          expect(price * buyerPercent - toBuyer * 100).toBeGreaterThanOrEqual(0);
          expect(price * buyerPercent - toBuyer * 100).toBeLessThan(100);
          // ORD-7: commission only on the seller's part, at the order's rate, to the rupiah.
          const commission = revenueIn - (buyerPercent === 50 ? 2 * fee : fee);
          expect(seller.pending + commission).toBe(price - toBuyer);
          expect(Math.abs(commission * 10_000 - (price - toBuyer) * bp)).toBeLessThan(10_000);
          const tb = await trialBalance(t.ctx.db);
          expect(tb.ok).toBe(true);
        },
      ),
      // Always tried: 33% of Rp 333.333 is not whole (the rounding direction), and the edges 0, 50 and 100.
      {
        seed,
        numRuns: 10,
        examples: [
          [333_333, 33],
          [1_000_000, 0],
          [1_000_000, 50],
          [1_000_000, 100],
        ],
      },
    );
  }, 120_000);
});
