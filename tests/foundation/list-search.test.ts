import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/context.js';
import { makeOrder, orderService, publishService } from '../helpers/market.js';

const t = useTestApp();
const byNumber = (a: number, b: number) => a - b;

const ask = { reason: 'seller_not_working_as_agreed', message: 'The seller delivered nothing for a week.' };
const list = (path: string, filter: Record<string, unknown>, sort?: [string, string]) =>
  `/api/admin/${path}?filter=${encodeURIComponent(JSON.stringify(filter))}` +
  (sort ? `&sort=${encodeURIComponent(JSON.stringify(sort))}` : '');

/**
 * Issue #15 / #16: a staff member finds a case by what they have in hand (the customer's email or
 * username, an order id, a bank reference), on every queue and list, through indexes that hold at a
 * million orders. What the search box matches is one definition (`filters.find`), so these cases stand for
 * every list that uses it.
 */
describe('the search box of the admin lists', () => {
  it('finds orders by the buyer email, the seller username, the order id and the title', async () => {
    const a = await makeOrder(t, { upTo: 'paid' });
    const b = await makeOrder(t, { upTo: 'paid' });
    const admin = await t.staff('admin');
    const ids = async (filter: Record<string, unknown>) =>
      ((await admin.get(list('orders', filter))).body as { id: number }[]).map((o) => o.id);
    expect(await ids({ q: a.buyer.email })).toEqual([a.orderId]);
    expect(await ids({ q: a.buyer.email.toUpperCase() })).toEqual([a.orderId]);
    expect(await ids({ q: b.seller.username })).toEqual([b.orderId]);
    // A number is the order's id (and also any text containing it, such as an email with that digit).
    expect(await ids({ q: String(b.orderId) })).toContain(b.orderId);
    expect(await ids({ q: 'Logo design' })).toEqual(expect.arrayContaining([a.orderId, b.orderId]));
    expect(await ids({ q: 'nobody-has-this@nowhere.test' })).toEqual([]);
    // LIKE's own wildcards are searched for literally, not as wildcards.
    expect(await ids({ q: '%' })).toEqual([]);
    expect(await ids({ q: '_' })).toEqual([]);
  });

  it(`finds orders by a phrase of their title, its first and last words cut anywhere, never words \
apart`, async () => {
    const seller = await t.seller();
    const buyer = await t.user();
    const titled = async (title: string) =>
      (await orderService(buyer, (await publishService(seller, { title })).id)).id;
    const logo = await titled('Logo work number 424242');
    const site = await titled('Website work number 4242');
    const swapped = await titled('Logo number work 424242');
    // What PostgreSQL's text-search parser alone would leave out of a title: a URL's protocol, a tag.
    const url = await titled('Pasang SSL di https://toko.id');
    const tag = await titled('Fix <img alt> text');
    const admin = await t.staff('admin');
    const ids = async (q: string) =>
      ((await admin.get(list('orders', { q }))).body as { id: number }[]).map((o) => o.id).sort(byNumber);
    expect(await ids('logo work number 424242')).toEqual([logo]);
    expect(await ids('LOGO WORK NUMBER 424242')).toEqual([logo]);
    expect(await ids('ogo work number 4242')).toEqual([logo]);
    expect(await ids('work number 4242')).toEqual([logo, site].sort(byNumber));
    expect(await ids('site work numb')).toEqual([site]);
    expect(await ids('number work')).toEqual([swapped]);
    expect(await ids('work  number')).toEqual([]);
    expect(await ids('work number 42-42')).toEqual([]);
    expect(await ids('k 424242')).toEqual([swapped]);
    expect(await ids('er 424')).toEqual([logo, site].sort(byNumber));
    expect(await ids('ssl di https')).toEqual([url]);
    expect(await ids('di https://toko')).toEqual([url]);
    expect(await ids('img alt')).toEqual([tag]);
    expect(await ids('<img alt> text')).toEqual([tag]);
    // A short last word is left to the phrase check (as a prefix it would match too many words).
    expect(await ids('logo work n')).toEqual([logo]);
    expect(await ids('logo work number 4')).toEqual([logo]);
  });

  it(`finds support cases by the buyer email (never another buyer) and refund \
requests by the order id`, async () => {
    const a = await makeOrder(t, { upTo: 'paid' });
    const b = await makeOrder(t, { upTo: 'paid' });
    const ra = (await a.buyer.post(`/api/v1/orders/${a.orderId}/refund-requests`, ask)).body as {
      id: number;
    };
    const rb = (await b.buyer.post(`/api/v1/orders/${b.orderId}/refund-requests`, ask)).body as {
      id: number;
    };
    const support = await t.staff('support');
    const cases = (await support.get(list('support-cases', { status: 'open', q: a.buyer.email }))).body as {
      caseId: number;
      type: string;
      partyName: string;
      orderTitle: string;
    }[];
    expect(cases.map((c) => [c.type, c.caseId])).toEqual([['refund', ra.id]]);
    expect(cases[0]!.orderTitle).toBe('Logo design for your shop');
    const byOrder = (await support.get(list('refund-requests', { q: String(b.orderId) }))).body as {
      id: number;
    }[];
    // A number also matches people whose name or email holds it, so only the order's case is asserted.
    expect(byOrder.map((r) => r.id)).toContain(rb.id);
  });

  it(`a whole email address finds that person only, a part of one finds every person it is \
part of`, async () => {
    const ann = await t.user({ email: 'ann.k@shop.test' });
    const joann = await t.user({ email: 'joann.k@shop.test' });
    const admin = await t.staff('admin');
    const ids = async (q: string) =>
      ((await admin.get(list('users', { q }))).body as { id: number }[]).map((u) => u.id).sort();
    expect(await ids('ann.k@shop.test')).toEqual([ann.id]);
    expect(await ids('ANN.K@Shop.Test')).toEqual([ann.id]);
    expect(await ids('ann.k@shop')).toEqual([ann.id, joann.id].sort());
  });

  it('finds audit rows by a part of their action or subject type, or by words of their reason', async () => {
    const admin = await t.staff('admin');
    const changed = await admin.put('/api/admin/settings', {
      values: { withdrawal_interval_days: 3 },
      reason: 'Pilot of shorter payout intervals for Bandung sellers',
    });
    expect(changed.status).toBe(200);
    const rows = async (q: string) =>
      (await admin.get(list('audit-log', { q }))).body as {
        action: string;
        subjectType: string;
        reason: string;
      }[];
    const byReason = await rows('bandung SELLERS');
    expect(byReason.map((r) => r.reason)).toEqual(['Pilot of shorter payout intervals for Bandung sellers']);
    const { action, subjectType } = byReason[0]!;
    for (const part of [action.slice(1, -1).toUpperCase(), subjectType.slice(1)])
      expect((await rows(part)).map((r) => r.reason)).toContain(byReason[0]!.reason);
    expect(await rows('no-such-action-anywhere')).toEqual([]);
  });

  it("finds journal entries by the person's email or username, and by words of their memo", async () => {
    const a = await makeOrder(t, { upTo: 'completed' });
    await makeOrder(t, { upTo: 'completed' });
    const finance = await t.staff('finance');
    const entries = async (q: string) =>
      (await finance.get(list('ledger-entries', { q }))).body as { userId: number | null; memo: string }[];
    for (const q of [a.seller.email, a.seller.username]) {
      const found = await entries(q);
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found.map((e) => e.userId))).toEqual(new Set([a.seller.id]));
    }
    const memo = (await entries(a.seller.email))[0]!.memo;
    expect((await entries(memo.slice(2, 14))).map((e) => e.memo)).toContain(memo);
  });

  it('pages through accounts sorted by balance, both ways and filtered, as one list', async () => {
    await makeOrder(t, { upTo: 'completed', price: 500_000 });
    await makeOrder(t, { upTo: 'paid', price: 900_000 });
    const finance = await t.staff('finance');
    const page = async (dir: string, range: [number, number], filter?: Record<string, unknown>) =>
      (
        await finance.get(
          `/api/admin/accounts?sort=${encodeURIComponent(JSON.stringify(['balance', dir]))}` +
            `&range=${encodeURIComponent(JSON.stringify(range))}` +
            (filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''),
        )
      ).body as { id: number; balance: number }[];
    for (const dir of ['ASC', 'DESC'])
      for (const filter of [undefined, { kind: ['gateway', 'pending', 'escrow'] }]) {
        const whole = await page(dir, [0, 499], filter);
        expect(whole.length).toBeGreaterThan(4);
        const paged = [];
        for (let start = 0; start < whole.length; start += 2)
          paged.push(...(await page(dir, [start, start + 1], filter)));
        expect(paged.map((a) => a.id)).toEqual(whole.map((a) => a.id));
        const balances = whole.map((a) => a.balance);
        expect(balances).toEqual([...balances].sort((x, y) => (dir === 'ASC' ? x - y : y - x)));
      }
  });

  it(`sorts ledger accounts by balance with the platform accounts (sums of \
postings) in their place`, async () => {
    await makeOrder(t, { upTo: 'paid', price: 700_000 });
    const finance = await t.staff('finance');
    const res = await finance.get(
      `/api/admin/accounts?sort=${encodeURIComponent('["balance","DESC"]')}` +
        `&range=${encodeURIComponent('[0,499]')}`,
    );
    expect(res.status).toBe(200);
    const rows = res.body as { kind: string; balance: number }[];
    const balances = rows.map((r) => r.balance);
    expect(balances).toEqual([...balances].sort((x, y) => y - x));
    // The gateway (a platform account, no kept balance) holds what buyers paid in: it sorts by that sum.
    const gateway = rows.find((r) => r.kind === 'gateway');
    expect(gateway?.balance).not.toBe(0);
    // Every other sort reads one table and works the balance out per row: the same balances.
    for (const sort of ['["code","ASC"]', '["kind","DESC"]', '["id","ASC"]']) {
      const other = await finance.get(
        `/api/admin/accounts?sort=${encodeURIComponent(sort)}&range=${encodeURIComponent('[0,499]')}`,
      );
      expect(other.status).toBe(200);
      const byId = (list: { id: number; balance: number }[]) =>
        Object.fromEntries(list.map((r) => [r.id, r.balance]));
      expect(byId(other.body as { id: number; balance: number }[])).toEqual(
        byId(rows as unknown as { id: number; balance: number }[]),
      );
    }
    const codes = (
      (
        await finance.get(
          `/api/admin/accounts?sort=${encodeURIComponent('["code","ASC"]')}` +
            `&range=${encodeURIComponent('[0,499]')}`,
        )
      ).body as { code: string }[]
    ).map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
  });
});
