import { describe, expect, it } from 'vitest';
import { itOnPostgres, useTestApp, type UserClient } from '../helpers/context.js';
import { expectLedgerSound, makeOrder } from '../helpers/market.js';
import { scheduleNextReconciliation } from '../../server/modules/ledger/reconcile.js';

const t = useTestApp();
const DAY = 86_400;
const P = 'https://pasar.dev/problems/';
const BANK = {
  type: 'bank_transfer',
  bank: 'BCA',
  accountNumber: '1234567890',
  holderName: 'Sari Dewi',
} as const;

/** A seller whose earnings of one completed order have cleared (CLR-1): 80% of the price is available. */
async function sellerWithAvailable(price = 1_000_000) {
  const o = await makeOrder(t, { upTo: 'completed', price });
  await t.advance(14 * DAY + 60);
  const b = (await o.seller.get('/api/v1/me/balance')).body;
  expect(b.available).toBe(price * 0.8);
  return { seller: o.seller, available: b.available as number, o };
}

async function withdraw(seller: UserClient, amount: number, method: object = BANK) {
  return seller.post('/api/v1/withdrawals', { amount, method });
}

async function balance(u: UserClient) {
  return (await u.get('/api/v1/me/balance')).body as {
    available: number;
    withdrawing: number;
    held: number;
    pending: number;
  };
}

describe('Withdrawals: the seller side', () => {
  it(`WDR-1: only available earnings, at least Rp 100.000; pending earnings \
cannot be withdrawn`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    const early = await withdraw(o.seller, 500_000);
    expect(early.status).toBe(422);
    expect(early.body.type).toBe(`${P}withdrawal-exceeds-available`);
    expect(early.body).toMatchObject({ available: 0, pending: 800_000 });
    await t.advance(14 * DAY + 60);
    const small = await withdraw(o.seller, 99_999);
    expect(small.status).toBe(422);
    expect(small.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(small.body).toMatchObject({ type: `${P}withdrawal-below-minimum`, minimum: 100_000 });
    expect(small.body.errors[0].field).toBe('body.amount');
    const tooMuch = await withdraw(o.seller, 800_001);
    expect(tooMuch.body.type).toBe(`${P}withdrawal-exceeds-available`);
    expect((await withdraw(o.seller, 100_000)).status).toBe(201);
    const buyerTry = await withdraw(o.buyer, 100_000);
    expect(buyerTry.body.type).toBe(`${P}not-a-seller`);
  });

  it(`WDR-3: bank transfer or e-wallet; the money moves from available to \
withdrawing at once; bad methods get field errors`, async () => {
    const { seller } = await sellerWithAvailable();
    const bad = await withdraw(seller, 200_000, {
      type: 'bank_transfer',
      bank: 'BCA',
      accountNumber: '12-ab',
      holderName: 'S',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.method.accountNumber', 'body.method.holderName']),
    );
    const neither = await seller.post('/api/v1/withdrawals', { amount: 200_000 });
    expect(neither.status).toBe(400);
    const ok = await withdraw(seller, 300_000, {
      type: 'ewallet',
      provider: 'GoPay',
      accountId: '081234567890',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      amount: 300_000,
      status: 'pending',
      method: { type: 'ewallet', provider: 'GoPay', accountId: '••••••••7890' },
    });
    expect(await balance(seller)).toMatchObject({ available: 500_000, withdrawing: 300_000 });
    const entry = await t.ctx.db
      .selectFrom('journal_entries')
      .select('kind')
      .where('reference', '=', `withdrawal:${ok.body.id}:requested`)
      .executeTakeFirstOrThrow();
    expect(entry.kind).toBe('withdrawal-requested');
    await expectLedgerSound(t);
  });

  it('WDR-3: saved payout methods: save, list masked, withdraw to one by id, delete', async () => {
    const { seller } = await sellerWithAvailable();
    const saved = await seller.post('/api/v1/me/payout-methods', BANK);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      type: 'bank_transfer',
      bank: 'BCA',
      accountNumber: '••••••7890',
      holderName: 'Sari Dewi',
    });
    expect((await seller.post('/api/v1/me/payout-methods', BANK)).body.id).toBe(saved.body.id);
    expect((await seller.get('/api/v1/me/payout-methods')).body).toHaveLength(1);
    const other = await t.seller();
    expect(
      (await other.post('/api/v1/withdrawals', { amount: 100_000, payoutMethodId: saved.body.id })).status,
    ).toBe(400);
    const w = await seller.post('/api/v1/withdrawals', { amount: 150_000, payoutMethodId: saved.body.id });
    expect(w.status).toBe(201);
    expect((await seller.delete(`/api/v1/me/payout-methods/${saved.body.id}`)).status).toBe(204);
    expect((await seller.get('/api/v1/me/payout-methods')).body).toEqual([]);
    expect((await seller.get('/api/v1/withdrawals')).body.items[0].method.bank).toBe('BCA');
  });

  it('WDR-3: every bank and e-wallet of the payout form is accepted, anything else is a 400', async () => {
    // Written here, not read from the code: the banks and e-wallets Indonesian sellers are offered.
    const banks = ['BCA', 'BNI', 'BRI', 'Mandiri', 'BSI', 'CIMB Niaga', 'Permata', 'Danamon', 'BTN'];
    banks.push('OCBC NISP', 'Bank Jago', 'SeaBank');
    const ewallets = ['GoPay', 'OVO', 'DANA', 'ShopeePay', 'LinkAja', 'Midtrans', 'PayPal'];
    const seller = await t.seller();
    const save = (m: object) => seller.post('/api/v1/me/payout-methods', m);
    for (const bank of banks) {
      const res = await save({ ...BANK, bank });
      expect(res.status, bank).toBe(201);
      expect(res.body.bank).toBe(bank);
    }
    for (const provider of ewallets) {
      const res = await save({ type: 'ewallet', provider, accountId: '081234567890' });
      expect(res.status, provider).toBe(201);
      expect(res.body.provider).toBe(provider);
    }
    expect((await seller.get('/api/v1/me/payout-methods')).body).toHaveLength(banks.length + ewallets.length);
    expect((await save({ ...BANK, bank: 'Bank of Nowhere' })).status).toBe(400);
    expect((await save({ type: 'ewallet', provider: 'Nowhere Pay', accountId: '081234567890' })).status).toBe(
      400,
    );
  });

  it('WDR-3: methods are trimmed and checked field by field; only the last four digits show', async () => {
    const seller = await t.seller();
    const save = (m: object) => seller.post('/api/v1/me/payout-methods', m);
    const bad = async (m: object, field: string) => {
      const res = await save(m);
      expect(res.status, JSON.stringify(m)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      return res;
    };
    // Account numbers: 6 to 20 digits, nothing else before or after.
    expect(
      (await bad({ ...BANK, accountNumber: '12345' }, 'body.accountNumber')).body.errors[0].message,
    ).toBe('6 to 20 digits');
    await bad({ ...BANK, accountNumber: '1'.repeat(21) }, 'body.accountNumber');
    await bad({ ...BANK, accountNumber: 'x1234567' }, 'body.accountNumber');
    await bad({ ...BANK, accountNumber: '1234567x' }, 'body.accountNumber');
    await bad({ ...BANK, holderName: ' S ' }, 'body.holderName');
    await bad({ ...BANK, holderName: 'S'.repeat(101) }, 'body.holderName');
    await bad({ type: 'ewallet', provider: 'OVO', accountId: ' ab ' }, 'body.accountId');
    await bad({ type: 'ewallet', provider: 'OVO', accountId: 'a'.repeat(101) }, 'body.accountId');
    expect((await save({ type: 'cash', bank: 'BCA' })).status).toBe(400);
    expect((await save({ type: 'ewallet', bank: 'BCA', accountNumber: '1234567890' })).status).toBe(400);
    // Trimmed, then masked: the shortest account number shows two dots, the longest at most eight.
    const shortest = await save({ ...BANK, accountNumber: ' 123456 ', holderName: '  Sari Dewi  ' });
    expect(shortest.status).toBe(201);
    expect(shortest.body).toMatchObject({ accountNumber: '••3456', holderName: 'Sari Dewi' });
    const longest = (await save({ ...BANK, accountNumber: '12345678901234567890' })).body;
    expect(longest.accountNumber).toBe('••••••••7890');
    const three = (await save({ type: 'ewallet', provider: 'OVO', accountId: ' abc ' })).body;
    expect(three.accountId).toBe('abc');
    // The same destination typed differently is one method; a different one is another.
    const gopay = (await save({ type: 'ewallet', provider: 'GoPay', accountId: 'Sari.Dewi@Mail.com' })).body;
    expect(
      (await save({ type: 'ewallet', provider: 'GoPay', accountId: 'sari.dewi@mail.com' })).body.id,
    ).toBe(gopay.id);
    const phone = (await save({ type: 'ewallet', provider: 'DANA', accountId: '0812 3456 7890' })).body;
    expect((await save({ type: 'ewallet', provider: 'DANA', accountId: '081234567890' })).body.id).toBe(
      phone.id,
    );
    expect((await save({ type: 'ewallet', provider: 'DANA', accountId: '0812 3456 7891' })).body.id).not.toBe(
      phone.id,
    );
    expect((await save({ ...BANK, bank: 'BNI', accountNumber: '123456' })).body.id).not.toBe(
      shortest.body.id,
    );
    expect((await save({ ...BANK, accountNumber: '123457' })).body.id).not.toBe(shortest.body.id);
  });

  it('WDR-2: one withdrawal in any 7 days; the refusal says when; rejected ones do not count', async () => {
    const { seller } = await sellerWithAvailable();
    const first = await withdraw(seller, 100_000);
    expect(first.status).toBe(201);
    await t.advance(6 * DAY);
    const second = await withdraw(seller, 100_000);
    expect(second.status).toBe(422);
    expect(second.body.type).toBe(`${P}withdrawal-too-soon`);
    const next = new Date(new Date(first.body.requestedAt).getTime() + 7 * DAY * 1000).toISOString();
    expect(second.body.nextAllowedAt).toBe(next);
    expect(second.body.detail).toContain(next);
    await t.advance(DAY + 1);
    const third = await withdraw(seller, 100_000);
    expect(third.status).toBe(201);
    const finance = await t.staff('finance');
    expect(
      (
        await finance.post(`/api/admin/withdrawals/${third.body.id}/reject`, {
          reason: 'Holder name does not match the account',
        })
      ).status,
    ).toBe(200);
    expect((await withdraw(seller, 100_000)).status).toBe(201);
  });

  it(`WDR-4: the seller sees the expected payout date, 3 business days later \
(Jakarta calendar)`, async () => {
    const { seller } = await sellerWithAvailable();
    // The clock is Monday 2026-12-07 09:01 in Jakarta (the file's clock has moved on by now; compute from the
    // answer).
    const w = await withdraw(seller, 100_000);
    const requested = new Date(w.body.requestedAt);
    const expected = new Date(w.body.expectedPayoutAt);
    const days = (expected.getTime() - requested.getTime()) / (DAY * 1000);
    expect(days).toBeGreaterThanOrEqual(3);
    expect(days).toBeLessThanOrEqual(5); // three business days, across a weekend at most
    expect([0, 6]).not.toContain(new Date(expected.getTime() + 7 * 3600_000).getUTCDay());
    const list = (await seller.get('/api/v1/withdrawals')).body.items;
    expect(list[0]).toMatchObject({
      id: w.body.id,
      status: 'pending',
      expectedPayoutAt: w.body.expectedPayoutAt,
    });
  });

  it('WDR-5: a withdrawal cannot be cancelled: there is no such route', async () => {
    const cancelRoutes = t.routes.filter(
      (r) =>
        r.path.startsWith('/api/v1/withdrawals') &&
        (r.method === 'delete' || /cancel|withdraw$/.test(r.path.replace('/api/v1/withdrawals', ''))),
    );
    expect(cancelRoutes).toEqual([]);
    const { seller } = await sellerWithAvailable();
    const w = await withdraw(seller, 100_000);
    expect((await seller.post(`/api/v1/withdrawals/${w.body.id}/cancel`)).status).toBe(404);
    expect((await seller.delete(`/api/v1/withdrawals/${w.body.id}`)).status).toBe(404);
    expect(await balance(seller)).toMatchObject({ withdrawing: 100_000 });
  });

  it('MNY-5: a withdrawal retried with the same Idempotency-Key is made once', async () => {
    const { seller } = await sellerWithAvailable();
    const a = await seller
      .post('/api/v1/withdrawals', { amount: 200_000, method: BANK })
      .set('Idempotency-Key', 'wd-1');
    const b = await seller
      .post('/api/v1/withdrawals', { amount: 200_000, method: BANK })
      .set('Idempotency-Key', 'wd-1');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(await balance(seller)).toMatchObject({ available: 600_000, withdrawing: 200_000 });
  });

  it('WRN-9: a suspended seller cannot withdraw (403 until when)', async () => {
    const { seller } = await sellerWithAvailable();
    const ts = await t.staff('trust_safety');
    await ts.post(`/api/admin/users/${seller.id}/warnings`, {
      type: 'spam',
      reason: 'Spam messages',
      severe: false,
    });
    await ts.post(`/api/admin/users/${seller.id}/warnings`, {
      type: 'spam',
      reason: 'Spam again',
      severe: false,
    });
    const res = await withdraw(seller, 100_000);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe(`${P}account-suspended`);
  });

  it(`WRN-9: a blocked seller cannot withdraw: their token stops working and \
their available funds are held`, async () => {
    const { seller } = await sellerWithAvailable();
    const ts = await t.staff('trust_safety');
    expect(
      (await ts.post(`/api/admin/users/${seller.id}/block`, { reason: 'Fraudulent deliveries' })).status,
    ).toBeLessThan(300);
    expect((await withdraw(seller, 100_000)).status).toBe(401);
    const rows = await t.ctx.db
      .selectFrom('withdrawals')
      .select('id')
      .where('user_id', '=', seller.id)
      .execute();
    expect(rows).toEqual([]);
    const accounts = await t.ctx.db
      .selectFrom('ledger_accounts')
      .select(['kind', 'balance'])
      .where('user_id', '=', seller.id)
      .execute();
    const by = Object.fromEntries(accounts.map((a) => [a.kind, a.balance]));
    expect({ available: by.available ?? 0, withdrawing: by.withdrawing ?? 0, held: by.held }).toEqual({
      available: 0,
      withdrawing: 0,
      held: 800_000,
    });
  });
});

describe('Withdrawals: the payout queue (finance)', () => {
  it(`WDR-4: approve, then mark paid with the bank reference: withdrawing → \
gateway, once; the seller is told`, async () => {
    const { seller } = await sellerWithAvailable();
    const w = (await withdraw(seller, 400_000)).body;
    const finance = await t.staff('finance');
    const queue = await finance.get(
      '/api/admin/withdrawals?filter=' + encodeURIComponent(JSON.stringify({ userId: seller.id })),
    );
    expect(queue.status).toBe(200);
    expect(queue.body[0]).toMatchObject({
      id: w.id,
      userId: seller.id,
      amount: 400_000,
      accountStatus: 'active',
      method: { accountNumber: '••••••7890' },
      flags: ['new_method'],
    });
    expect(JSON.stringify(queue.body)).not.toContain('1234567890');
    expect(
      (await finance.post(`/api/admin/withdrawals/${w.id}/mark-paid`, { reference: 'BCA-1' })).status,
    ).toBe(409);
    const approved = await finance.post(`/api/admin/withdrawals/${w.id}/approve`);
    expect(approved.body.status).toBe('approved');
    const paid = await finance.post(`/api/admin/withdrawals/${w.id}/mark-paid`, {
      reference: 'BCA-TRX-0001',
    });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', bankReference: 'BCA-TRX-0001' });
    expect(
      (await finance.post(`/api/admin/withdrawals/${w.id}/mark-paid`, { reference: 'BCA-TRX-0002' })).status,
    ).toBe(409);
    expect(await balance(seller)).toMatchObject({ available: 400_000, withdrawing: 0 });
    expect((await seller.get('/api/v1/me/earnings')).body.withdrawn).toBe(400_000);
    const detail = (await finance.get(`/api/admin/withdrawals/${w.id}`)).body;
    expect(detail.methodFull.accountNumber).toBe('1234567890');
    expect(detail.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'withdrawal-requested',
      'withdrawal-paid',
    ]);
    expect(detail.trail.map((a: { action: string }) => a.action)).toEqual([
      'withdrawal.approve',
      'withdrawal.mark-paid',
    ]);
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select(['subject'])
      .where('kind', '=', 'withdrawal.paid')
      .where('recipient', '=', seller.email)
      .execute();
    expect(mail).toHaveLength(1);
    // The next payout to the same account is not flagged as a new method.
    await t.advance(7 * DAY + 1);
    const again = (await withdraw(seller, 100_000)).body;
    const row = (await finance.get(`/api/admin/withdrawals/${again.id}`)).body;
    expect(row.flags).toEqual([]);
    await expectLedgerSound(t);
  });

  it('WDR-4: reject with a reason: the funds return to available and the seller reads why', async () => {
    const { seller } = await sellerWithAvailable();
    const w = (await withdraw(seller, 300_000)).body;
    const finance = await t.staff('finance');
    expect((await finance.post(`/api/admin/withdrawals/${w.id}/reject`, {})).status).toBe(422);
    const r = await finance.post(`/api/admin/withdrawals/${w.id}/reject`, {
      reason: 'Account holder differs from the seller',
    });
    expect(r.body).toMatchObject({ status: 'rejected', reason: 'Account holder differs from the seller' });
    expect(await balance(seller)).toMatchObject({ available: 800_000, withdrawing: 0 });
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('kind', '=', 'withdrawal.rejected')
      .where('recipient', '=', seller.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Penarikan dana dibatalkan, dana dikembalikan ke saldo Anda');
    expect(mail.body).toContain('Account holder differs from the seller');
    expect(mail.body).toContain('Rp 300.000');
    expect((await seller.get('/api/v1/withdrawals')).body.items[0]).toMatchObject({
      status: 'rejected',
      reason: 'Account holder differs from the seller',
    });
    expect((await finance.post(`/api/admin/withdrawals/${w.id}/approve`)).status).toBe(409);
  });

  it('WDR-4: the queue is oldest SLA first; after 3 business days a pending payout is overdue', async () => {
    const { seller } = await sellerWithAvailable();
    const w = (await withdraw(seller, 100_000)).body;
    const finance = await t.staff('finance');
    const q = (f: object) =>
      finance.get('/api/admin/withdrawals?filter=' + encodeURIComponent(JSON.stringify(f)));
    expect((await q({ id: w.id })).body[0].overdue).toBe(false);
    await t.advance(new Date(w.expectedPayoutAt).getTime() / 1000 - t.clock.now().getTime() / 1000 + 60);
    expect((await q({ id: w.id })).body[0].overdue).toBe(true);
    const overdue = (await q({ overdue: true, open: true })).body;
    expect(overdue.map((r: { id: number }) => r.id)).toContain(w.id);
    const all = (await q({ open: true })).body as { slaDueAt: string }[];
    expect(all.map((r) => r.slaDueAt)).toEqual([...all.map((r) => r.slaDueAt)].sort());
  });

  it(`WDR-4: the queue says why a payout should not go: suspended, under dispute, \
warned in the last 30 days`, async () => {
    const { seller } = await sellerWithAvailable();
    const w = (await withdraw(seller, 100_000)).body;
    const finance = await t.staff('finance');
    const flags = async () => (await finance.get(`/api/admin/withdrawals/${w.id}`)).body.flags;
    expect(await flags()).toEqual(['new_method']);
    const ts = await t.staff('trust_safety');
    await ts.post(`/api/admin/users/${seller.id}/warnings`, {
      type: 'spam',
      reason: 'Spam messages',
      severe: false,
    });
    expect(await flags()).toEqual(['recent_warning', 'new_method']);
    await ts.post(`/api/admin/users/${seller.id}/warnings`, {
      type: 'spam',
      reason: 'Spam again',
      severe: false,
    });
    expect(await flags()).toEqual(['suspended', 'recent_warning', 'new_method']);
    await ts.post(`/api/admin/users/${seller.id}/lift-suspension`, { reason: 'Appeal accepted' });
    const buyer = await t.user();
    const { publishService, orderService, CARD } = await import('../helpers/market.js');
    const service = await publishService(seller);
    const order = await orderService(buyer, service.id);
    await buyer.post(`/api/v1/orders/${order.id}/milestones/${order.milestones[0]!.id}/pay`, CARD);
    const d = await buyer.post(`/api/v1/orders/${order.id}/disputes`, {
      milestoneId: order.milestones[0]!.id,
      reason: 'The seller stopped answering',
      amount: 500_000,
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect(await flags()).toContain('under_dispute');
    await t.advance(31 * DAY);
    expect(await flags()).not.toContain('recent_warning');
  });

  it('WDR-6: above the threshold the first approval waits for a second, different finance user', async () => {
    const { seller } = await sellerWithAvailable(15_000_000);
    const w = (await withdraw(seller, 12_000_000)).body;
    const first = await t.staff('finance', 'finance-a@staff.test');
    const second = await t.staff('finance', 'finance-b@staff.test');
    const row = (await first.get(`/api/admin/withdrawals/${w.id}`)).body;
    expect(row.needsTwoApprovals).toBe(true);
    const a = await first.post(`/api/admin/withdrawals/${w.id}/approve`);
    expect(a.body.status).toBe('awaiting_second_approval');
    expect((await first.post(`/api/admin/withdrawals/${w.id}/mark-paid`, { reference: 'X-1' })).status).toBe(
      409,
    );
    const again = await first.post(`/api/admin/withdrawals/${w.id}/approve`);
    expect(again.status).toBe(403);
    expect(again.body.type).toBe(`${P}four-eyes`);
    const b = await second.post(`/api/admin/withdrawals/${w.id}/approve`);
    expect(b.body.status).toBe('approved');
    const audit = (
      await (
        await t.staff('admin')
      ).get(
        '/api/admin/audit-log?filter=' +
          encodeURIComponent(JSON.stringify({ subjectType: 'withdrawal', subjectId: w.id })),
      )
    ).body as { action: string; after: { status: string } }[];
    expect(audit.find((e) => e.action === 'withdrawal.first-approval')?.after.status).toBe(
      'awaiting_second_approval',
    );
    expect(audit.find((e) => e.action === 'withdrawal.approve')?.after.status).toBe('approved');
    const detail = (await second.get(`/api/admin/withdrawals/${w.id}`)).body;
    expect(detail).toMatchObject({ firstApprovedBy: first.id, approvedBy: second.id });
    // At or below the threshold one approval is enough.
    const { seller: s2 } = await sellerWithAvailable();
    const small = (await withdraw(s2, 100_000)).body;
    expect((await first.post(`/api/admin/withdrawals/${small.id}/approve`)).body.status).toBe('approved');
  });

  it(`WDR-4, WDR-6: the actions offered on a payout follow its status and its approver, and a move \
out of turn is a 409 that says why`, async () => {
    const { seller } = await sellerWithAvailable(15_000_000);
    const first = await t.staff('finance', 'finance-a@staff.test');
    const second = await t.staff('finance', 'finance-b@staff.test');
    // Above the four-eyes threshold (Rp 10.000.000 by default), as in the WDR-6 test above.
    const w = (await withdraw(seller, 12_000_000)).body;
    const offered = async (who: typeof first) =>
      (await who.get(`/api/admin/withdrawals/${w.id}`)).body.allowedActions;
    const refused = (res: { status: number; body: Record<string, unknown> }) => ({
      status: res.status,
      type: res.body.type,
      title: res.body.title,
      detail: res.body.detail,
      state: res.body.state,
    });
    const path = `/api/admin/withdrawals/${w.id}`;
    expect(await offered(first)).toEqual(['finance-approve', 'finance-reject']);
    expect(refused(await first.post(`${path}/mark-failed`, { reason: 'Bank refused it' }))).toEqual({
      status: 409,
      type: `${P}withdrawal-status`,
      title: 'Cannot mark failed',
      detail: `Withdrawal #${w.id} is pending; mark failed is possible when it is approved or exported.`,
      state: 'pending',
    });
    expect((await first.post(`${path}/approve`)).body.status).toBe('awaiting_second_approval');
    // WDR-6: the first approver is not offered the second approval; another finance user is.
    expect(await offered(first)).toEqual(['finance-reject']);
    expect(await offered(second)).toEqual(['finance-approve', 'finance-reject']);
    expect(refused(await first.post(`${path}/mark-paid`, { reference: 'BCA-409-1' }))).toEqual({
      status: 409,
      type: `${P}withdrawal-status`,
      title: 'Cannot mark paid',
      detail:
        `Withdrawal #${w.id} is awaiting second approval; mark paid is possible when it is approved or` +
        ' exported.',
      state: 'awaiting_second_approval',
    });
    expect((await second.post(`${path}/approve`)).body.status).toBe('approved');
    expect(await offered(first)).toEqual([
      'finance-reject',
      'finance-export',
      'finance-mark-paid',
      'finance-mark-failed',
    ]);
    expect((await first.post(`${path}/mark-paid`, { reference: 'BCA-409-2' })).status).toBe(200);
    expect(await offered(first)).toEqual([]);
    expect(refused(await second.post(`${path}/approve`))).toEqual({
      status: 409,
      type: `${P}withdrawal-status`,
      title: 'Cannot approve',
      detail:
        `Withdrawal #${w.id} is paid; ` +
        'approve is possible when it is pending or awaiting second approval.',
      state: 'paid',
    });
    expect(refused(await second.post(`${path}/reject`, { reason: 'Too late' }))).toEqual({
      status: 409,
      type: `${P}withdrawal-status`,
      title: 'Cannot reject',
      detail:
        `Withdrawal #${w.id} is paid; reject is possible when it is pending or awaiting second approval or` +
        ' approved.',
      state: 'paid',
    });
  });

  it('WDR-6: bulk approve decides each row on its own', async () => {
    const { seller: s1 } = await sellerWithAvailable();
    const { seller: s2 } = await sellerWithAvailable();
    const w1 = (await withdraw(s1, 100_000)).body;
    const w2 = (await withdraw(s2, 100_000)).body;
    const finance = await t.staff('finance');
    await finance.post(`/api/admin/withdrawals/${w2.id}/reject`, { reason: 'Wrong account' });
    const res = await finance.post('/api/admin/withdrawals/bulk-approve', {
      ids: [w1.id, w2.id, 999_999],
      confirmFlagged: [w1.id, w2.id], // first payouts to their account: flagged new_method (OPS-8)
    });
    expect(res.status).toBe(200);
    expect(res.body.approved).toBe(1);
    expect(
      res.body.results.map((r: { id: number; ok: boolean; problem?: { status: number } }) => [
        r.id,
        r.ok,
        r.problem?.status,
      ]),
    ).toEqual([
      [w1.id, true, undefined],
      [w2.id, false, 409],
      [999_999, false, 404],
    ]);
  });

  it(`WDR-7: the approved batch exports as CSV once; exported payouts are marked \
and can be paid or failed, not rejected`, async () => {
    const finance = await t.staff('finance');
    // Clear out what earlier tests approved, so the batch holds exactly this test's rows.
    await finance.get('/api/admin/withdrawals/export.csv').set('X-CSRF-Token', finance.csrfToken);
    const { seller: s1 } = await sellerWithAvailable();
    const { seller: s2 } = await sellerWithAvailable();
    const w1 = (await withdraw(s1, 250_000, { ...BANK, holderName: '=HYPERLINK("x") Sari, "Dewi"' })).body;
    const w2 = (await withdraw(s2, 300_000, { type: 'ewallet', provider: 'OVO', accountId: '081299998888' }))
      .body;
    await finance.post('/api/admin/withdrawals/bulk-approve', {
      ids: [w1.id, w2.id],
      confirmFlagged: [w1.id, w2.id],
    });
    // No CSRF header: it changes state.
    expect((await finance.get('/api/admin/withdrawals/export.csv')).status).toBe(403);
    const res = await finance.get('/api/admin/withdrawals/export.csv').set('X-CSRF-Token', finance.csrfToken);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const batch = Number(res.headers['x-payout-batch']);
    expect(res.text.split('\r\n')).toEqual([
      'withdrawal_id,payout_reference,amount_idr,method,bank_or_provider,account,' +
        'holder_name,seller_id,seller_email',
      `${w1.id},PASAR-WD-${w1.id},250000,bank_transfer,BCA,1234567890,"'=HYPERLINK(""x"") Sari,` +
        ` ""Dewi""",${s1.id},${s1.email}`,
      `${w2.id},PASAR-WD-${w2.id},300000,ewallet,OVO,081299998888,,${s2.id},${s2.email}`,
      '',
    ]);
    const again = await finance
      .get('/api/admin/withdrawals/export.csv')
      .set('X-CSRF-Token', finance.csrfToken);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(`${P}nothing-to-export`);
    const redownload = await finance
      .get(`/api/admin/withdrawals/export.csv?batch=${batch}`)
      .set('X-CSRF-Token', finance.csrfToken);
    expect(redownload.text).toBe(res.text);
    const rows = (
      await finance.get(
        '/api/admin/withdrawals?filter=' + encodeURIComponent(JSON.stringify({ batchId: batch })),
      )
    ).body;
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['exported', 'exported']);
    expect(
      (await finance.post(`/api/admin/withdrawals/${w1.id}/reject`, { reason: 'too late' })).status,
    ).toBe(409);
    expect(
      (await finance.post(`/api/admin/withdrawals/${w1.id}/mark-paid`, { reference: 'BATCH-OK-1' })).body
        .status,
    ).toBe('paid');
    expect(
      (await finance.post(`/api/admin/withdrawals/${w2.id}/mark-failed`, { reason: 'OVO account closed' }))
        .body.status,
    ).toBe('failed');
    expect(await balance(s1)).toMatchObject({ available: 550_000, withdrawing: 0 });
    expect(await balance(s2)).toMatchObject({ available: 800_000, withdrawing: 0 });
    expect((await finance.get('/api/admin/payout-batches')).body[0]).toMatchObject({
      id: batch,
      count: 2,
      total: 550_000,
    });
    await expectLedgerSound(t);
  });
});

describe('Held funds and reconciliation', () => {
  it(`WRN-9: a block stops unpaid payouts and holds everything; finance releases \
it to a payout only after 90 days`, async () => {
    const { seller } = await sellerWithAvailable();
    const w = (await withdraw(seller, 300_000)).body;
    const ts = await t.staff('trust_safety');
    const blocked = await ts.post(`/api/admin/users/${seller.id}/block`, { reason: 'Fraudulent orders' });
    expect(blocked.body).toMatchObject({ held: 800_000, stoppedPayouts: 300_000 });
    const finance = await t.staff('finance');
    expect((await finance.get(`/api/admin/withdrawals/${w.id}`)).body).toMatchObject({
      status: 'rejected',
      reason: 'Account blocked: funds held (WRN-9)',
    });
    const held = (
      await finance.get(
        '/api/admin/held-funds?filter=' + encodeURIComponent(JSON.stringify({ q: seller.email })),
      )
    ).body;
    expect(held).toEqual([expect.objectContaining({ id: seller.id, held: 800_000, releasable: false })]);
    const blockedAt = new Date(held[0].blockedAt).getTime();
    expect(new Date(held[0].releasableAt).getTime() - blockedAt).toBe(90 * DAY * 1000);
    const early = await finance.post(`/api/admin/held-funds/${seller.id}/release`, { method: BANK });
    expect(early.status).toBe(409);
    expect(early.body.type).toBe(`${P}held-not-releasable`);
    await t.advance(90 * DAY + 60);
    const released = await finance.post(`/api/admin/held-funds/${seller.id}/release`, { method: BANK });
    expect(released.status).toBe(201);
    expect(released.body).toMatchObject({ amount: 800_000, source: 'held', status: 'pending' });
    const row = (await finance.get(`/api/admin/withdrawals/${released.body.id}`)).body;
    expect(row.flags).toEqual(expect.arrayContaining(['blocked', 'held_release']));
    expect((await finance.post(`/api/admin/held-funds/${seller.id}/release`, { method: BANK })).status).toBe(
      409,
    );
    // A failed release goes back to held, not to available.
    await finance.post(`/api/admin/withdrawals/${released.body.id}/approve`);
    await finance.post(`/api/admin/withdrawals/${released.body.id}/mark-failed`, {
      reason: 'Account closed',
    });
    let b = await t.ctx.db
      .selectFrom('ledger_accounts')
      .select(['kind', 'balance'])
      .where('user_id', '=', seller.id)
      .execute();
    expect(Object.fromEntries(b.map((r) => [r.kind, r.balance]))).toMatchObject({
      held: 800_000,
      withdrawing: 0,
      available: 0,
    });
    const second = await finance.post(`/api/admin/held-funds/${seller.id}/release`, {
      method: { type: 'bank_transfer', bank: 'BNI', accountNumber: '9988776655', holderName: 'Sari Dewi' },
    });
    await finance.post(`/api/admin/withdrawals/${second.body.id}/approve`);
    expect(
      (await finance.post(`/api/admin/withdrawals/${second.body.id}/mark-paid`, { reference: 'BNI-HELD-1' }))
        .body.status,
    ).toBe('paid');
    b = await t.ctx.db
      .selectFrom('ledger_accounts')
      .select(['kind', 'balance'])
      .where('user_id', '=', seller.id)
      .execute();
    expect(Object.fromEntries(b.map((r) => [r.kind, r.balance]))).toMatchObject({ held: 0, withdrawing: 0 });
    await expectLedgerSound(t);
  });

  it(`MNY-4: the reconciliation runs daily from the scheduler and on demand; its \
result is stored for the dashboard`, async () => {
    const finance = await t.staff('finance');
    const run = await finance.post('/api/admin/ledger/reconcile');
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({
      ok: true,
      postingsSum: 0,
      negativeAccounts: 0,
      driftingAccounts: 0,
      problems: [],
    });
    expect(run.body.withdrawingBalance).toBe(run.body.withdrawalsOpen);
    await scheduleNextReconciliation(t.ctx.db, t.clock.now());
    const before = (await finance.get('/api/admin/ledger/reconciliations')).body.length;
    await t.advance(DAY + 60);
    const runs = (await finance.get('/api/admin/ledger/reconciliations')).body;
    expect(runs.length).toBe(before + 1);
    expect(runs[0].ok).toBe(true);
    const support = await t.staff('support');
    expect((await support.get('/api/admin/ledger/reconciliations')).status).toBe(200);
    expect((await support.get('/api/admin/withdrawals')).status).toBe(403);
  });

  it('MNY-4: the reconciliation reports money in withdrawing that no open payout accounts for', async () => {
    const { seller } = await sellerWithAvailable();
    const w = (await withdraw(seller, 100_000)).body;
    // Simulate a broken operational record: the payout row says paid but the money never left withdrawing.
    await t.ctx.db.updateTable('withdrawals').set({ status: 'paid' }).where('id', '=', w.id).execute();
    const run = (await (await t.staff('finance')).post('/api/admin/ledger/reconcile')).body;
    expect(run.ok).toBe(false);
    expect(run.problems[0]).toMatch(/withdrawing holds \d+ but open payouts add up to \d+/);
    await t.ctx.db.updateTable('withdrawals').set({ status: 'pending' }).where('id', '=', w.id).execute();
  });
});

/** These requests race for row locks: see itOnPostgres. */
describe('Concurrent payouts', () => {
  itOnPostgres(
    'WDR-2, MNY-4: 20 concurrent withdrawal requests by one seller: exactly' +
      ' one succeeds and available never goes below zero (PostgreSQL only)',
    async () => {
      const { seller } = await sellerWithAvailable();
      const results = await Promise.all(Array.from({ length: 20 }, () => withdraw(seller, 500_000)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const refused = results.filter((r) => r.status !== 201);
      expect(refused.map((r) => r.body.type)).toEqual(Array(19).fill(`${P}withdrawal-too-soon`));
      expect(await balance(seller)).toMatchObject({ available: 300_000, withdrawing: 500_000 });
      const rows = await t.ctx.db
        .selectFrom('withdrawals')
        .select('id')
        .where('user_id', '=', seller.id)
        .execute();
      expect(rows).toHaveLength(1);
      await expectLedgerSound(t);
    },
  );

  itOnPostgres(
    'WDR-4: two finance users approving and paying the same payout at once:' +
      ' approved once, paid once (PostgreSQL only)',
    async () => {
      const { seller } = await sellerWithAvailable();
      const w = (await withdraw(seller, 400_000)).body;
      const a = await t.staff('finance', 'race-a@staff.test');
      const b = await t.staff('finance', 'race-b@staff.test');
      const approvals = await Promise.all([
        a.post(`/api/admin/withdrawals/${w.id}/approve`),
        b.post(`/api/admin/withdrawals/${w.id}/approve`),
      ]);
      expect(approvals.map((r) => r.status).sort()).toEqual([200, 409]);
      const paid = await Promise.all([
        a.post(`/api/admin/withdrawals/${w.id}/mark-paid`, { reference: 'RACE-A' }),
        b.post(`/api/admin/withdrawals/${w.id}/mark-paid`, { reference: 'RACE-B' }),
      ]);
      expect(paid.map((r) => r.status).sort()).toEqual([200, 409]);
      const entries = await t.ctx.db
        .selectFrom('journal_entries')
        .select('id')
        .where('reference', '=', `withdrawal:${w.id}:paid`)
        .execute();
      expect(entries).toHaveLength(1);
      expect(await balance(seller)).toMatchObject({ available: 400_000, withdrawing: 0 });
      await expectLedgerSound(t);
    },
  );
});
