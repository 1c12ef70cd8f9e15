import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import { trialBalance } from '../../server/modules/ledger/ledger.js';

const t = useTestApp();

/** A platform account's balance is the sum of its postings (they keep no cached balance). */
async function revenue(): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('postings')
    .innerJoin('ledger_accounts', 'ledger_accounts.id', 'postings.account_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('postings.amount'), eb.lit(0)).as('sum'))
    .where('ledger_accounts.code', '=', 'platform:revenue')
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

/**
 * DSP-6, ORD-7, MNY-2 through the code that writes the postings: for random escrows and accepted offers,
 * the settlement the API executes empties the escrow exactly, pays the buyer the rest of the escrow, pays
 * the seller the offer less a commission at the order's rate (to the rupiah), and balances.
 */
describe('dispute splits as properties', () => {
  it(`DSP-6, ORD-7: an accepted offer of any amount empties the escrow into buyer \
credit, seller pending and commission`, async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
    console.log(`split property seed: ${seed}`);
    const bp = (await (await t.staff('admin')).get('/api/admin/settings/commission_bp')).body.value as number;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10_000, max: 50_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (price, share) => {
          const sellerAmount = Math.round(price * share);
          const o = await makeOrder(t, { upTo: 'delivered', price });
          const d = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
            milestoneId: o.milestoneId,
            reason: 'Property test dispute.',
            amount: 0,
          });
          expect(d.status).toBe(201);
          const revenueBefore = await revenue();
          const offer = await o.seller.post(`/api/v1/disputes/${d.body.id}/offers`, { sellerAmount });
          expect(offer.status, JSON.stringify(offer.body)).toBe(201);
          const accepted = await o.buyer.post(`/api/v1/disputes/${d.body.id}/offers/${offer.body.id}/accept`);
          expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

          const buyer = (await o.buyer.get('/api/v1/me/balance')).body;
          const seller = (await o.seller.get('/api/v1/me/balance')).body;
          const commission = (await revenue()) - revenueBefore;
          expect(buyer.credit).toBe(price - sellerAmount);
          expect(seller.pending).toBe(sellerAmount - commission);
          expect(Number.isInteger(commission) && commission >= 0 && commission <= sellerAmount).toBe(true);
          // The order's rate, to the rupiah: |commission - sellerAmount × rate| < 1.
          expect(Math.abs(commission * 10_000 - sellerAmount * bp)).toBeLessThan(10_000);
          const escrow = await t.ctx.db
            .selectFrom('ledger_accounts')
            .select('balance')
            .where('milestone_id', '=', o.milestoneId)
            .executeTakeFirstOrThrow();
          expect(escrow.balance).toBe(0);
          const postings = await t.ctx.db
            .selectFrom('postings')
            .innerJoin('journal_entries', 'journal_entries.id', 'postings.entry_id')
            .select('postings.amount')
            .where('journal_entries.reference', '=', `dispute:${d.body.id}:split`)
            .execute();
          expect(postings.length).toBeGreaterThan(0);
          expect(postings.reduce((a, p) => a + p.amount, 0)).toBe(0);
          expect((await trialBalance(t.ctx.db)).ok).toBe(true);
        },
      ),
      { seed, numRuns: 8 },
    );
  }, 120_000);
});
