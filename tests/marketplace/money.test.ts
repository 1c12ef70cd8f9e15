import { describe, expect, it } from 'vitest';
import { account, postEntry } from '../../server/modules/ledger/ledger.js';
import { useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder, orderService, publishService } from '../helpers/market.js';
import { providerFee } from '../../server/modules/payments/gateway.js';
import { commissionOf } from '../../server/modules/orders/rules.js';

const t = useTestApp();
const DAY = 86_400;

describe('ledger (MNY)', () => {
  it('MNY-1: amounts are integers: a fractional price is a 400', async () => {
    const seller = await t.seller();
    const res = await seller.post('/api/v1/services', {
      title: 'Fractional price',
      description: 'This should never be accepted at all.',
      category: 'other',
      price: 100_000.5,
      deliveryDays: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.price');
    expect(() => commissionOf(333_333, 2000)).not.toThrow();
    expect(Number.isInteger(commissionOf(333_333, 2000))).toBe(true);
    expect(providerFee(100_000, 290, 2000)).toBe(4900);
    // Through the code that writes the postings: a price whose 20% is not whole still books whole rupiah.
    const o = await makeOrder(t, { upTo: 'completed', price: 333_333 });
    const accounts = await t.ctx.db
      .selectFrom('ledger_accounts')
      .select(['kind', 'balance'])
      .where('user_id', '=', o.seller.id)
      .execute();
    const pending = accounts.find((a) => a.kind === 'pending')!.balance;
    expect(Number.isSafeInteger(pending)).toBe(true);
    const bp = (await (await t.staff('admin')).get('/api/admin/settings/commission_bp')).body.value as number;
    expect(Math.abs((333_333 - pending) * 10_000 - 333_333 * bp)).toBeLessThan(10_000);
  });

  it(`MNY-2: postEntry refuses an unbalanced entry, and journal rows can never be \
updated or deleted`, async () => {
    await expect(
      t.ctx.db.transaction().execute((trx) =>
        postEntry(trx, t.clock.now(), {
          kind: 'test',
          memo: 'bad',
          postings: [
            { account: account.platform('gateway'), amount: -100 },
            { account: account.platform('revenue'), amount: 99 },
          ],
        }),
      ),
    ).rejects.toThrow(/sum to -1/);
    const o = await makeOrder(t, { upTo: 'paid' });
    const entry = await t.ctx.db
      .selectFrom('journal_entries')
      .select('id')
      .where('order_id', '=', o.orderId)
      .executeTakeFirstOrThrow();
    await expect(
      t.ctx.db.updateTable('journal_entries').set({ memo: 'rewritten' }).where('id', '=', entry.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.ctx.db.deleteFrom('postings').where('entry_id', '=', entry.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('MNY-2: a failed card charge rolls back the whole payment: no state change, no postings', async () => {
    const o = await makeOrder(t, { upTo: 'placed' });
    const before = await t.ctx.db
      .selectFrom('postings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await o.buyer.post(`/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`, {
      source: 'card',
      cardToken: 'tok_declined',
    });
    expect(res.status).toBe(402);
    expect(res.body.type).toBe('https://pasar.dev/problems/payment-declined');
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('awaiting_payment');
    const after = await t.ctx.db
      .selectFrom('postings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('MNY-3: the provider fee goes to fees_payment; the escrow holds the milestone', async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 200_000 });
    const rows = await t.ctx.db
      .selectFrom('journal_entries')
      .innerJoin('postings', 'postings.entry_id', 'journal_entries.id')
      .innerJoin('ledger_accounts', 'ledger_accounts.id', 'postings.account_id')
      .select(['journal_entries.kind', 'ledger_accounts.code', 'postings.amount'])
      .where('journal_entries.order_id', '=', o.orderId)
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: 'milestone-payment', code: `escrow:milestone:${o.milestoneId}`, amount: 200_000 },
        { kind: 'payment-fee', code: 'platform:fees_payment', amount: providerFee(200_000, 290, 2000) },
      ]),
    );
  });

  it(`MNY-4: an entry that would take a user account below zero is refused; \
paying from credit you do not have is a 422`, async () => {
    const o = await makeOrder(t, { upTo: 'placed' });
    const res = await o.buyer.post(`/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`, {
      source: 'credit',
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://pasar.dev/problems/insufficient-funds');
    await expectLedgerSound(t);
  });

  it('MNY-4: the trial balance is a console resource and a command', async () => {
    const finance = await t.staff('finance');
    const res = await finance.get('/api/admin/ledger/trial-balance');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, sum: 0, negativeAccounts: [] });
  });

  it(`MNY-5: the same Idempotency-Key and body replays the first answer and moves \
nothing; another body is refused`, async () => {
    const o = await makeOrder(t, { upTo: 'placed' });
    const path = `/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`;
    const first = await o.buyer.post(path, CARD).set('Idempotency-Key', 'pay-once-123');
    expect(first.status).toBe(200);
    const count = async () =>
      (
        await t.ctx.db
          .selectFrom('postings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const n = await count();
    const retry = await o.buyer.post(path, CARD).set('Idempotency-Key', 'pay-once-123');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await count()).toBe(n);
    const other = await o.buyer.post(path, { source: 'credit' }).set('Idempotency-Key', 'pay-once-123');
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('https://pasar.dev/problems/idempotency-key-reused');
    // Without a key, a second payment of the same milestone is a clear 409.
    const twice = await o.buyer.post(path, CARD);
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe('https://pasar.dev/problems/milestone-already-paid');
  });

  it("MNY-5: keys are per user: another user's identical key does not replay their answer", async () => {
    const a = await makeOrder(t, { upTo: 'placed' });
    const b = await makeOrder(t, { upTo: 'placed' });
    expect(
      (
        await a.buyer
          .post(`/api/v1/orders/${a.orderId}/milestones/${a.milestoneId}/pay`, CARD)
          .set('Idempotency-Key', 'shared-key-1')
      ).status,
    ).toBe(200);
    const res = await b.buyer
      .post(`/api/v1/orders/${b.orderId}/milestones/${b.milestoneId}/pay`, CARD)
      .set('Idempotency-Key', 'shared-key-1');
    expect(res.status).toBe(200);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(res.body.milestoneId).toBe(b.milestoneId);
  });
});

describe('clearance (CLR)', () => {
  it('CLR-1: earnings stay pending 14 days after completion, then become available', async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    await t.advance(14 * DAY - 60);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({ pending: 800_000, available: 0 });
    await t.advance(120);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({ pending: 0, available: 800_000 });
  });

  it(`CLR-2: support moves cleared funds back to pending with a reason, as its \
own journal entry`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    await t.advance(14 * DAY + 60);
    const support = await t.staff('support');
    expect((await support.post(`/api/admin/orders/${o.orderId}/reverse-clearance`, {})).status).toBe(422);
    const res = await support.post(`/api/admin/orders/${o.orderId}/reverse-clearance`, {
      reason: 'Buyer reported plagiarism; under review',
    });
    expect(res.status).toBe(200);
    expect(res.body.amount).toBe(800_000);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({ pending: 800_000, available: 0 });
    const entry = await t.ctx.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('id', '=', res.body.entryId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ kind: 'clearance-reversal', staff_id: support.id });
    const finance = await t.staff('finance');
    expect(
      (await finance.post(`/api/admin/orders/${o.orderId}/reverse-clearance`, { reason: 'not my job' }))
        .status,
    ).toBe(403);
    expect(
      (await support.post(`/api/admin/orders/${o.orderId}/reverse-clearance`, { reason: 'again' })).status,
    ).toBe(409);
    await t.advance(14 * DAY + 60);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({ pending: 0, available: 800_000 });
    await expectLedgerSound(t);
  });

  it('CLR-3: earnings by status, with expected earnings from active and delivered orders', async () => {
    const seller = await t.seller();
    const buyer = await t.user();
    const svc = await publishService(seller, { price: 1_000_000 });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await orderService(buyer, svc.id)).id);
    for (const id of ids) {
      const detail = (await buyer.get(`/api/v1/orders/${id}`)).body;
      await buyer.post(`/api/v1/orders/${id}/milestones/${detail.milestones[0].id}/pay`, CARD);
    }
    await seller.post(`/api/v1/orders/${ids[0]}/deliveries`, { message: 'done' });
    await buyer.post(`/api/v1/orders/${ids[0]}/accept`);
    await seller.post(`/api/v1/orders/${ids[1]}/deliveries`, { message: 'done' });
    const e = await seller.get('/api/v1/me/earnings');
    expect(e.status).toBe(200);
    expect(e.body).toMatchObject({
      pendingClearance: 800_000,
      cleared: 0,
      withdrawn: 0,
      usedForPurchases: 0,
      expected: { activeOrders: 800_000, deliveredOrders: 800_000, total: 1_600_000 },
    });
    await t.advance(15 * DAY);
    // Used for purchases: the seller buys with earnings.
    const other = await t.seller();
    const s2 = await publishService(other, { price: 300_000 });
    const o2 = await orderService(seller, s2.id);
    expect(
      (
        await seller.post(`/api/v1/orders/${o2.id}/milestones/${o2.milestones[0]!.id}/pay`, {
          source: 'earnings',
        })
      ).status,
    ).toBe(200);
    const after = (await seller.get('/api/v1/me/earnings')).body;
    // Order 1 cleared; order 2 was auto-accepted on day 3 and clears on day 17.
    expect(after).toMatchObject({
      cleared: 800_000,
      pendingClearance: 800_000,
      usedForPurchases: 300_000,
      available: 500_000,
    });
  });
});
