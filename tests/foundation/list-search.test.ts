import { sql } from 'kysely';
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

  it(`reads the search box as typed: trimmed, a title's single word or phrase with symbols, and a whole \
email as a person, never as a title (no rule id in the rulebook)`, async () => {
    const a = await makeOrder(t, { upTo: 'paid' });
    const b = await makeOrder(t, { upTo: 'paid' });
    const c = await makeOrder(t, { upTo: 'paid' });
    const title = async (orderId: number, text: string) =>
      t.ctx.db.updateTable('orders').set({ title: text }).where('id', '=', orderId).execute();
    await title(a.orderId, 'Mail zq.title@shop.test now please');
    await title(b.orderId, 'Banner -- +++ sale');
    await title(c.orderId, 'Rock & roll poster');
    const refund = async (o: typeof a) =>
      (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body.id as number;
    const [ra, rb] = [await refund(a), await refund(b)];
    // The person whose email is in a's title, with no order: a search by that email finds none.
    await t.user({ email: 'zq.title@shop.test' });
    const admin = await t.staff('admin');
    const support = await t.staff('support');
    const orders = async (q: string) => {
      const res = await admin.get(list('orders', { q }));
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
      return (res.body as { id: number }[]).map((o) => o.id);
    };
    const refunds = async (q: string) => {
      const res = await support.get(list('refund-requests', { q }));
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
      return (res.body as { id: number }[]).map((r) => r.id);
    };
    // One word of a title, through the word-indexed column too; spaces around q are not part of it.
    expect(await orders('Banner')).toEqual([b.orderId]);
    expect(await orders(`  ${a.buyer.email}  `)).toEqual([a.orderId]);
    // Words of symbols only, or a tsquery operator among the words, are matched as text.
    expect(await orders('banner -- +++')).toEqual([b.orderId]);
    expect(await orders('rock & roll')).toEqual([c.orderId]);
    // A whole email address is a person: not found in a title; with other words around it, it is text.
    expect(await orders('zq.title@shop.test')).toEqual([]);
    expect(await orders('Mail zq.title@shop.test')).toEqual([a.orderId]);
    expect(await orders('zq.title@shop.test now')).toEqual([a.orderId]);
    // A list of cases finds them through their order's title, but not through an email in it.
    expect(await refunds('mail zq.TITLE')).toEqual([ra]);
    expect(await refunds('sale')).toEqual([rb]);
    expect(await refunds('zq.title@shop.test')).toEqual([]);
  });

  it(`reads a number as an id only when it is one: no leading zero, and not past the largest id \
(no rule id in the rulebook)`, async () => {
    const seq = (table: string) => sql`pg_get_serial_sequence(${table}, 'id')`;
    // The largest id an integer column holds, so that the number is no other person's email or name too.
    await sql`select setval(${seq('users')}, 2147483646)`.execute(t.ctx.db);
    const top = await t.user();
    await sql`select setval(${seq('users')}, (select max(id) from users where id < 2147483647))`.execute(
      t.ctx.db,
    );
    expect(top.id).toBe(2_147_483_647);
    // An order whose id is in no email, name or title, for a list that finds cases by their order.
    await sql`select setval(${seq('orders')}, 1900000000)`.execute(t.ctx.db);
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body.id as number;
    const admin = await t.staff('admin');
    const support = await t.staff('support');
    const ids = async (client: typeof admin, path: string, q: string) => {
      const res = await client.get(list(path, { q }));
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
      return (res.body as { id: number }[]).map((r) => r.id);
    };
    expect(await ids(admin, 'users', '2147483647')).toEqual([top.id]);
    expect(await ids(admin, 'users', '02147483647')).toEqual([]);
    expect(await ids(admin, 'users', '2147483648')).toEqual([]);
    // Support cases have no text of their own: found by the order's id, or not at all.
    const cases = async (q: string) => {
      const res = await support.get(list('support-cases', { status: 'open', q }));
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
      return (res.body as { type: string; caseId: number }[]).map((c) => [c.type, c.caseId]);
    };
    expect(await cases(String(o.orderId))).toEqual([['refund', req]]);
    expect(await cases(`0${o.orderId}`)).toEqual([]);
  });

  it(`finds the rows of a search matching more than 2000 of them, with those of the person it names \
(no rule id in the rulebook)`, async () => {
    const person = await t.user({ username: 'capword_person' });
    const base = t.clock.now().getTime();
    const entry = (i: number, kind: string, userId: number | null, memo: string) => ({
      kind,
      memo,
      at: new Date(base + i),
      user_id: userId,
    });
    // 2003 entries whose memo holds the word, then 2 more of another kind: past the 2000 looked up by id.
    await t.ctx.db
      .insertInto('journal_entries')
      .values(Array.from({ length: 2003 }, (_, i) => entry(i, 'cap-probe', null, `capword entry ${i}`)))
      .execute();
    await t.ctx.db
      .insertInto('journal_entries')
      .values([
        entry(1, 'cap-probe-last', null, 'capword last 1'),
        entry(2, 'cap-probe-last', null, 'capword last 2'),
      ])
      .execute();
    // The person's entries hold the word only in their username.
    await t.ctx.db
      .insertInto('journal_entries')
      .values([
        entry(3, 'cap-probe-person', person.id, 'paid out'),
        entry(4, 'cap-probe-person', person.id, 'held'),
      ])
      .execute();
    const finance = await t.staff('finance');
    const memos = async (filter: Record<string, unknown>) => {
      const res = await finance.get(
        `${list('ledger-entries', filter)}&range=${encodeURIComponent('[0,499]')}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as { memo: string }[]).map((e) => e.memo).sort();
    };
    expect(await memos({ q: 'capword', kind: 'cap-probe-last' })).toEqual([
      'capword last 1',
      'capword last 2',
    ]);
    expect(await memos({ q: 'capword', kind: 'cap-probe-person' })).toEqual(['held', 'paid out']);
    expect(await memos({ q: 'capword', kind: 'cap-probe' })).toHaveLength(500);
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

/**
 * The list helper itself (react-admin's `sort`, `range` and `filter` parameters, the `Content-Range` answer),
 * on the audit log: rows of a subject type of their own, written straight into the table, so each test knows
 * exactly which rows the list holds.
 */
describe('the list helper: sort, range, filter and Content-Range', () => {
  const q = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
      .join('&');
  /** `n` audit rows of `subjectType`, one minute apart (two at each minute when `pairs`). */
  const rows = async (subjectType: string, n: number, pairs = false) => {
    const base = t.clock.now().getTime();
    const inserted = await t.ctx.db
      .insertInto('audit_log')
      .values(
        Array.from({ length: n }, (_, i) => ({
          at: new Date(base + (pairs ? Math.floor(i / 2) : i) * 60_000),
          actor_type: 'system' as const,
          action: i % 2 ? 'probe.odd' : 'probe.even',
          subject_type: subjectType,
          subject_id: String(i),
        })),
      )
      .returning(['id', 'at'])
      .execute();
    return inserted;
  };

  it('pages with Content-Range and an exact total, newest first by default, 25 rows a page', async () => {
    const made = await rows('list-pages', 30);
    const admin = await t.staff('admin');
    const filter = { subjectType: 'list-pages' };
    const first = await admin.get(`/api/admin/audit-log?${q({ filter })}`);
    expect(first.status).toBe(200);
    expect(first.headers['content-range']).toBe('audit-log 0-24/30');
    expect(first.headers['x-total-count-kind']).toBe('exact');
    expect(first.headers['access-control-expose-headers']).toBe('Content-Range, X-Total-Count-Kind');
    const ids = made.map((r) => r.id);
    expect(first.body.map((r: { id: number }) => r.id)).toEqual([...ids].reverse().slice(0, 25));
    // An empty parameter is no parameter.
    const blank = await admin.get(`/api/admin/audit-log?${q({ filter, range: '', sort: '' })}`);
    expect(blank.headers['content-range']).toBe('audit-log 0-24/30');
    const last = await admin.get(
      `/api/admin/audit-log?${q({ filter, range: [25, 29], sort: ['id', 'ASC'] })}`,
    );
    expect(last.headers['content-range']).toBe('audit-log 25-29/30');
    expect(last.body.map((r: { id: number }) => r.id)).toEqual(ids.slice(25));
    const one = await admin.get(`/api/admin/audit-log?${q({ filter, range: [3, 3], sort: ['id', 'asc'] })}`);
    expect(one.headers['content-range']).toBe('audit-log 3-3/30');
    expect(one.body.map((r: { id: number }) => r.id)).toEqual([ids[3]]);
    const past = await admin.get(`/api/admin/audit-log?${q({ filter, range: [40, 49] })}`);
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    expect(past.headers['content-range']).toBe('audit-log 40-40/30');
  });

  it('sorts by an allowed field both ways, ties broken by id in the same direction', async () => {
    const made = await rows('list-sort', 6, true);
    const admin = await t.staff('admin');
    const filter = { subjectType: 'list-sort' };
    const ids = async (sort: [string, string]) =>
      ((await admin.get(`/api/admin/audit-log?${q({ filter, sort })}`)).body as { id: number }[]).map(
        (r) => r.id,
      );
    const asc = made.map((r) => r.id);
    expect(await ids(['at', 'ASC'])).toEqual(asc);
    expect(await ids(['at', 'desc'])).toEqual([...asc].reverse());
    // action: even rows (0, 2, 4) before odd ones, each group by id.
    expect(await ids(['action', 'ASC'])).toEqual([asc[0], asc[2], asc[4], asc[1], asc[3], asc[5]]);
    expect(await ids(['action', 'DESC'])).toEqual([asc[5], asc[3], asc[1], asc[4], asc[2], asc[0]]);
  });

  it(`filters by id, by one or several values, and by dates from and until a moment, \
both included`, async () => {
    const made = await rows('list-filter', 6);
    const admin = await t.staff('admin');
    const ids = async (filter: Record<string, unknown>) => {
      const res = await admin.get(`/api/admin/audit-log?${q({ filter, sort: ['id', 'ASC'] })}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as { id: number }[]).map((r) => r.id);
    };
    const all = made.map((r) => r.id);
    const subjectType = 'list-filter';
    expect(await ids({ subjectType, id: [all[1], all[4]] })).toEqual([all[1], all[4]]);
    expect(await ids({ subjectType, id: all[2] })).toEqual([all[2]]);
    expect(await ids({ subjectType, id: [] })).toEqual([]);
    expect(await ids({ subjectType, action: 'probe.odd' })).toEqual([all[1], all[3], all[5]]);
    expect(await ids({ subjectType, action: ['probe.odd', 'probe.even'] })).toEqual(all);
    // A null or empty value is no filter.
    expect(await ids({ subjectType, action: null, actorType: '' })).toEqual(all);
    const at = made[2]!.at.toISOString();
    expect(await ids({ subjectType, since: at })).toEqual(all.slice(2));
    expect(await ids({ subjectType, until: at })).toEqual(all.slice(0, 3));
    expect(await ids({ subjectType, since: made[2]!.at.getTime(), until: made[3]!.at.getTime() })).toEqual(
      all.slice(2, 4),
    );
    expect(await ids({ subjectType, since: '9999-12-31T00:00:00Z' })).toEqual([]);
    expect(await ids({ subjectType, until: '0001-01-01T00:00:00Z' })).toEqual([]);
  });

  it('refuses what it cannot read with a 400 that names each bad parameter', async () => {
    const admin = await t.staff('admin');
    const errors = async (params: Record<string, unknown>) => {
      const res = await admin.get(`/api/admin/audit-log?${q(params)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.type).toBe('https://pasar.dev/problems/validation-error');
      return res.body.errors as { field: string; message: string }[];
    };
    const one = async (params: Record<string, unknown>) => {
      const e = await errors(params);
      expect(e).toHaveLength(1);
      return e[0]!;
    };
    expect(await one({ sort: ['reason', 'ASC'] })).toEqual({
      field: 'query.sort',
      message: 'audit-log cannot be sorted by reason; allowed: id, at, action',
    });
    expect(await one({ sort: ['constructor', 'ASC'] })).toMatchObject({ field: 'query.sort' });
    expect(await one({ filter: { reason: 'x' } })).toEqual({
      field: 'query.filter.reason',
      message:
        'audit-log cannot be filtered by reason; allowed: id, action, actorType, actorId, subjectType, ' +
        'subjectId, since, until, q',
    });
    expect(await one({ filter: { constructor: 'x' } })).toMatchObject({ field: 'query.filter.constructor' });
    expect(await one({ filter: { id: 'x' } })).toEqual({
      field: 'query.filter.id',
      message: 'id must be an integer or a list of integers',
    });
    expect(await one({ filter: { actorType: 'robot' } })).toMatchObject({ field: 'query.filter.actorType' });
    expect(await one({ filter: { action: [] } })).toMatchObject({ field: 'query.filter.action' });
    for (const since of ['0000-12-31T00:00:00Z', '+010000-01-01T00:00:00Z', 'tomorrow'])
      expect(await one({ filter: { since } })).toMatchObject({ field: 'query.filter.since' });
    expect((await one({ filter: { until: '+010000-01-01T00:00:00Z' } })).message).toBe(
      'a date between the years 1 and 9999',
    );
    // Every bad part is named, not only the first.
    expect(
      (await errors({ sort: ['reason', 'ASC'], filter: { reason: 1, actorType: 'robot' } })).map(
        (e) => e.field,
      ),
    ).toEqual(['query.filter.reason', 'query.filter.actorType', 'query.sort']);
    expect(await one({ range: [5, 4] })).toMatchObject({ message: 'range: range end before start' });
    expect(await one({ range: 'not json' })).toMatchObject({ message: 'range must be JSON' });
    expect(await one({ range: [-1, 3] })).toMatchObject({ field: 'query.range' });
    expect(await one({ range: [0, 1.5] })).toMatchObject({ field: 'query.range' });
    expect(await one({ sort: ['id', 'UP'] })).toMatchObject({ field: 'query.sort' });
    expect(await one({ sort: '["id"' })).toMatchObject({ message: 'sort must be JSON' });
    for (const filter of ['[1]', 'null', '"x"', '3'])
      expect(await one({ filter })).toMatchObject({ message: 'filter: filter must be a JSON object' });
    // A parameter that is not JSON, or that its schema refuses, is one error with every message of it.
    expect(await one({ range: 'not json' })).toEqual({
      field: 'query.range',
      message: 'range must be JSON',
      code: 'custom',
    });
    const twice = await one({ range: [-1, 0.5] });
    expect(twice).toMatchObject({ field: 'query.range', code: 'custom' });
    expect(twice.message.startsWith('range: ')).toBe(true);
    expect(twice.message.split('; ')).toHaveLength(2);
    // A page of 500 rows is the most, wherever it starts.
    expect((await admin.get(`/api/admin/audit-log?${q({ range: [1000, 1499] })}`)).status).toBe(200);
    expect(await one({ range: [1000, 1500] })).toEqual({
      field: 'query.range',
      message: 'at most 500 rows per page',
    });
  });

  it('a search over text columns finds the rows containing it, whatever its case', async () => {
    await makeOrder(t, { upTo: 'paid' });
    const finance = await t.staff('finance');
    const codes = async (term: string) => {
      const res = await finance.get(`/api/admin/accounts?${q({ filter: { q: term }, range: [0, 499] })}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as { code: string }[]).map((a) => a.code);
    };
    expect(await codes('PLATFORM:GATE')).toEqual(['platform:gateway']);
    expect(await codes('escrow:')).not.toEqual([]);
    expect((await codes('escrow:')).every((c) => c.startsWith('escrow:'))).toBe(true);
  });

  it('counts exactly up to 1000 rows and estimates past them, never below 1001', async () => {
    await rows('list-count', 1000);
    const admin = await t.staff('admin');
    const filter = { subjectType: 'list-count' };
    const exact = await admin.get(`/api/admin/audit-log?${q({ filter })}`);
    expect(exact.headers['content-range']).toBe('audit-log 0-24/1000');
    expect(exact.headers['x-total-count-kind']).toBe('exact');
    await rows('list-count', 1);
    const over = await admin.get(`/api/admin/audit-log?${q({ filter })}`);
    expect(over.headers['x-total-count-kind']).toBe('estimated');
    const total = Number(/\/(\d+)$/.exec(over.headers['content-range'] as string)![1]);
    expect(total).toBeGreaterThanOrEqual(1001);
    expect(over.body).toHaveLength(25);
  });
});
