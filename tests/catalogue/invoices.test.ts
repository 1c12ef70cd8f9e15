import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { sql } from 'kysely';
import { itOnPostgres, useTestApp, type UserClient } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder, orderService, publishService } from '../helpers/market.js';
import { splitTax } from '../../server/modules/invoices/rules.js';

const t = useTestApp();

interface Invoice {
  id: number;
  kind: string;
  number: string;
  status: string;
  orderId: number | null;
  total: number;
  subtotal: number;
  taxAmount: number;
  taxBp: number;
  description: string;
  paymentSource: string;
  billing: Record<string, string>;
  creditedNumber: string | null;
  replacesNumber: string | null;
  cancelledByNumber: string | null;
}

const invoicesOf = async (u: UserClient) =>
  ((await u.get('/api/v1/invoices').query({ perPage: 100 })).body.items as Invoice[]).reverse();

const seqOf = (number: string) => Number(number.split('/')[2]);

async function pdfText(u: UserClient, id: number) {
  const res = await u
    .get(`/api/v1/invoices/${id}.pdf`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const parser = new PDFParse({ data: new Uint8Array(res.body as Buffer) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text;
}

const BILLING = {
  company: 'CV Maju Bersama',
  fullName: 'Budi Santoso',
  address: 'Jl. Malioboro 12\nYogyakarta 55213',
  country: 'ID',
  taxId: '01.234.567.8-901.234',
};

describe('billing information (INV-1)', () => {
  it(`INV-1: buyers keep company, name, address, country and tax id; an \
Indonesian NPWP is validated`, async () => {
    const buyer = await t.user();
    expect((await buyer.get('/api/v1/me/billing')).status).toBe(404);
    for (const taxId of ['12345', '01.234.567.8-901', 'NPWP-ABC-123456789', '0123456789012345678']) {
      const bad = await buyer.put('/api/v1/me/billing', { ...BILLING, taxId });
      expect(bad.status, taxId).toBe(400);
      expect(bad.body.errors[0].field).toBe('body.taxId');
    }
    expect((await buyer.put('/api/v1/me/billing', { ...BILLING, country: 'XX' })).status).toBe(400);
    const ok = await buyer.put('/api/v1/me/billing', BILLING);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ...BILLING, taxId: '012345678901234', reissued: [] });
    // The 16-digit NPWP (NIK-based) is valid too; abroad the tax id is whatever the country uses.
    expect(
      (await buyer.put('/api/v1/me/billing', { ...BILLING, taxId: '3174 0123 4567 8901' })).body.taxId,
    ).toBe('3174012345678901');
    expect(
      (await buyer.put('/api/v1/me/billing', { ...BILLING, country: 'nl', taxId: 'NL123456789B01' })).body,
    ).toMatchObject({
      country: 'NL',
      taxId: 'NL123456789B01',
    });
    expect((await buyer.get('/api/v1/me/billing')).body).toMatchObject({
      country: 'NL',
      company: 'CV Maju Bersama',
    });
  });
});

describe('invoices (INV-2, INV-3)', () => {
  it(`INV-2: every payment (card, credit balance) has an invoice numbered without \
gaps per year, immutable`, async () => {
    const before = await t.ctx.db.selectFrom('invoices').select('number').orderBy('id').execute();
    const o = await makeOrder(t, { upTo: 'paid', price: 555_000 });
    const [inv] = await invoicesOf(o.buyer);
    expect(inv).toMatchObject({
      kind: 'invoice',
      status: 'issued',
      orderId: o.orderId,
      total: 555_000,
      paymentSource: 'card',
      billing: { fullName: expect.any(String), email: o.buyer.email },
    });
    expect(inv!.number).toMatch(/^INV\/2026\/\d{6}$/);
    expect(seqOf(inv!.number)).toBe(before.length + 1);
    // Tax line per settings: PPN 11% included in the price (POL-1 invoice_vat_bp).
    expect(inv!.taxBp).toBe(1100);
    expect(inv!.subtotal + inv!.taxAmount).toBe(555_000);
    expect(inv!.subtotal).toBe(500_000);

    // Paid from the credit balance: an invoice too. The buyer gets credit by a refund of another order.
    const other = await orderService(o.buyer, (await publishService(o.seller, { price: 200_000 })).id);
    const support = await t.staff('support');
    const o2 = await makeOrder(t, { upTo: 'paid', price: 300_000 });
    void o2;
    const funded = await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, {
      reason: 'seller_not_working_as_agreed',
      message: 'Nothing delivered for a week.',
    });
    expect(
      (await support.post(`/api/admin/refund-requests/${funded.body.id}/approve`, { reason: 'No work' }))
        .status,
    ).toBe(200);
    const pay = await o.buyer.post(`/api/v1/orders/${other.id}/milestones/${other.milestones[0]!.id}/pay`, {
      source: 'credit',
    });
    expect(pay.status).toBe(200);
    const mine = await invoicesOf(o.buyer);
    expect(mine.map((i) => [i.kind, i.paymentSource, i.total])).toEqual([
      ['invoice', 'card', 555_000],
      ['credit_note', 'card', 555_000],
      ['invoice', 'credit', 200_000],
    ]);
    // Without gaps: every number of the year from 1 to the last, once each.
    const all = await t.ctx.db.selectFrom('invoices').select(['series', 'seq']).execute();
    for (const series of ['INV', 'CN']) {
      const seqs = all
        .filter((r) => r.series === series)
        .map((r) => r.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    // Immutable once issued: the database refuses to change or delete it.
    await expect(sql`update invoices set total = 1 where id = ${inv!.id}`.execute(t.ctx.db)).rejects.toThrow(
      /immutable/,
    );
    await expect(sql`delete from invoices where id = ${inv!.id}`.execute(t.ctx.db)).rejects.toThrow(
      /cannot be deleted/,
    );
    // Nobody else sees it.
    const stranger = await t.user();
    expect((await stranger.get(`/api/v1/invoices/${inv!.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/invoices/${inv!.id}.pdf`)).status).toBe(404);
    await expectLedgerSound(t);
  });

  it(`INV-2: the PDF, in the buyer’s language, has Pasar’s details, the billing \
information, the order and the right totals`, async () => {
    const o = await makeOrder(t, { upTo: 'placed', price: 1_110_000 });
    expect((await o.buyer.put('/api/v1/me/billing', BILLING)).status).toBe(200);
    expect(
      (await o.buyer.post(`/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`, CARD)).status,
    ).toBe(200);
    const [inv] = await invoicesOf(o.buyer);
    const { subtotal, tax } = splitTax(1_110_000, 1100);
    expect(subtotal + tax).toBe(1_110_000);
    const id = await pdfText(o.buyer, inv!.id);
    for (const s of [
      'FAKTUR',
      inv!.number,
      'PT Pasar Digital Indonesia',
      'CV Maju Bersama',
      'Budi Santoso',
      'Jl. Malioboro 12',
      '01.234.567.8-901.234',
      `Pesanan: #${o.orderId}`,
      `Rp ${subtotal.toLocaleString('id-ID')}`,
      `PPN 11%`,
      `Rp ${tax.toLocaleString('id-ID')}`,
      'Rp 1.110.000',
    ])
      expect(id, s).toContain(s);
    await t.ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', o.buyer.id).execute();
    const en = await pdfText(o.buyer, inv!.id);
    for (const s of [
      'INVOICE',
      inv!.number,
      'Billed to',
      'VAT (PPN) 11%',
      'Rp 1.110.000',
      `Order: #${o.orderId}`,
    ])
      expect(en, s).toContain(s);
    expect(en).not.toContain('FAKTUR');
  });

  it(`INV-2: the issuer comes from configuration and each invoice keeps the \
details of the day it was issued`, async () => {
    const before = t.ctx.config.issuer;
    const a = await makeOrder(t, { upTo: 'paid', price: 200_000 });
    const [first] = await invoicesOf(a.buyer);
    try {
      t.ctx.config.issuer = {
        name: 'PT Pasar Nusantara Baru',
        address: ['Jl. Gatot Subroto 1', 'Jakarta 12930'],
        npwp: '09.876.543.2-109.000',
        email: 'tagihan@pasar.example',
      };
      const b = await makeOrder(t, { upTo: 'paid', price: 300_000 });
      const [second] = await invoicesOf(b.buyer);
      const newer = await pdfText(b.buyer, second!.id);
      for (const s of [
        'PT Pasar Nusantara Baru',
        'Jl. Gatot Subroto 1',
        '09.876.543.2-109.000',
        'tagihan@pasar.example',
      ])
        expect(newer, s).toContain(s);
      // The company moved after the first invoice: that one still shows where it was then.
      const older = await pdfText(a.buyer, first!.id);
      expect(older).toContain(before.name);
      expect(older).toContain(before.npwp);
      expect(older).not.toContain('PT Pasar Nusantara Baru');
    } finally {
      t.ctx.config.issuer = before;
    }
  });

  it(`INV-3: a refund issues a credit note against its invoice: in part, in full \
(cancellation), after completion`, async () => {
    const support = await t.staff('support');
    const ask = { reason: 'seller_not_working_as_agreed', message: 'Half of it never arrived.' };
    // In part.
    const a = await makeOrder(t, { upTo: 'paid', price: 1_000_000 });
    const r = (await a.buyer.post(`/api/v1/orders/${a.orderId}/refund-requests`, ask)).body;
    await support.post(`/api/admin/refund-requests/${r.id}/approve`, {
      amount: 400_000,
      reason: 'Half missing',
    });
    let docs = await invoicesOf(a.buyer);
    expect(docs.map((d) => [d.kind, d.total, d.creditedNumber])).toEqual([
      ['invoice', 1_000_000, null],
      ['credit_note', 400_000, docs[0]!.number],
    ]);
    expect(docs[1]!.number).toMatch(/^CN\/2026\/\d{6}$/);
    // The rest, in full: the order is cancelled; the credit note covers what was left, never more.
    const r2 = (await a.buyer.post(`/api/v1/orders/${a.orderId}/refund-requests`, ask)).body;
    expect(
      (await support.post(`/api/admin/refund-requests/${r2.id}/approve`, { reason: 'Nothing more came' }))
        .status,
    ).toBe(200);
    docs = await invoicesOf(a.buyer);
    expect(docs.map((d) => [d.kind, d.total])).toEqual([
      ['invoice', 1_000_000],
      ['credit_note', 400_000],
      ['credit_note', 600_000],
    ]);
    // After completion, support's refund (REF-6).
    const b = await makeOrder(t, { upTo: 'completed', price: 800_000 });
    expect(
      (await support.post(`/api/admin/orders/${b.orderId}/refund`, { amount: 300_000, reason: 'Goodwill' }))
        .status,
    ).toBe(200);
    docs = await invoicesOf(b.buyer);
    expect(docs.map((d) => [d.kind, d.total])).toEqual([
      ['invoice', 800_000],
      ['credit_note', 300_000],
    ]);
    const cn = await pdfText(b.buyer, docs[1]!.id);
    expect(cn).toContain('NOTA KREDIT');
    expect(cn).toContain(docs[0]!.number);
    expect(cn).toContain('Rp 300.000');
    await expectLedgerSound(t);
  });

  it(`INV-3: corrected billing information re-issues each invoice under a new \
number that cancels the old one`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 450_000 });
    const [old] = await invoicesOf(o.buyer);
    const saved = await o.buyer.put('/api/v1/me/billing', BILLING);
    expect(saved.body.reissued).toHaveLength(1);
    const docs = await invoicesOf(o.buyer);
    const fresh = docs.find((d) => d.id === saved.body.reissued[0].id)!;
    expect(fresh).toMatchObject({
      kind: 'invoice',
      status: 'issued',
      total: 450_000,
      replacesNumber: old!.number,
      billing: { company: 'CV Maju Bersama', taxId: '012345678901234' },
    });
    // INV-2: numbered at once, in the series and year, the next number (no gap), as the answer says.
    expect(fresh.number).toMatch(/^INV\/\d{4}\/\d{6}$/);
    expect(seqOf(fresh.number)).toBe(seqOf(old!.number) + 1);
    expect(saved.body.reissued[0]).toEqual({ cancelled: old!.number, issued: fresh.number, id: fresh.id });
    expect(docs.find((d) => d.id === old!.id)).toMatchObject({
      status: 'cancelled',
      cancelledByNumber: fresh.number,
      reason: 'Billing information corrected (INV-3)',
    });
    expect(await pdfText(o.buyer, old!.id)).toContain(`DIBATALKAN: digantikan oleh ${fresh.number}`);
    // Saving the same details again changes nothing.
    expect((await o.buyer.put('/api/v1/me/billing', BILLING)).body.reissued).toEqual([]);
    // A refund after the re-issue credits the new invoice.
    const support = await t.staff('support');
    const r = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, {
        reason: 'seller_not_working_as_agreed',
        message: 'Nothing delivered at all.',
      })
    ).body;
    await support.post(`/api/admin/refund-requests/${r.id}/approve`, { amount: 100_000, reason: 'Late' });
    const cn = (await invoicesOf(o.buyer)).find((d) => d.kind === 'credit_note')!;
    expect(cn).toMatchObject({ total: 100_000, creditedNumber: fresh.number });

    // Corrected again: the invoice and its credit note are both re-issued, the credit note against the new
    // invoice; what was credited stays credited once, and the rest can still be refunded in full.
    const moved = await o.buyer.put('/api/v1/me/billing', { ...BILLING, company: 'CV Maju Bersama Abadi' });
    expect(moved.body.reissued.map((x: { cancelled: string }) => x.cancelled)).toEqual([
      fresh.number,
      cn.number,
    ]);
    const after = await invoicesOf(o.buyer);
    const live = after.filter((d) => d.status === 'issued');
    const inv2 = live.find((d) => d.kind === 'invoice')!;
    expect(live.map((d) => [d.kind, d.total, d.creditedNumber, d.billing.company])).toEqual([
      ['invoice', 450_000, null, 'CV Maju Bersama Abadi'],
      ['credit_note', 100_000, inv2.number, 'CV Maju Bersama Abadi'],
    ]);
    expect(after.find((d) => d.id === cn.id)).toMatchObject({
      status: 'cancelled',
      cancelledByNumber: live[1]!.number,
    });
    expect(live[1]!.replacesNumber).toBe(cn.number);
    const r2 = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, {
        reason: 'seller_not_working_as_agreed',
        message: 'Still nothing delivered.',
      })
    ).body;
    expect(
      (await support.post(`/api/admin/refund-requests/${r2.id}/approve`, { reason: 'Nothing came' })).status,
    ).toBe(200);
    const notes = (await invoicesOf(o.buyer)).filter(
      (d) => d.kind === 'credit_note' && d.status === 'issued',
    );
    expect(notes.map((d) => [d.total, d.creditedNumber])).toEqual([
      [100_000, inv2.number],
      [350_000, inv2.number],
    ]);
    await expectLedgerSound(t);
  });

  itOnPostgres(
    'INV-2: 20 concurrent payments get 20 invoice numbers without gaps or twins (PostgreSQL only)',
    async () => {
      const seller = await t.seller();
      const svc = await publishService(seller, { price: 150_000 });
      const buyers = await Promise.all(Array.from({ length: 20 }, () => t.user()));
      const orders = await Promise.all(buyers.map((b) => orderService(b, svc.id)));
      const before = await t.ctx.db
        .selectFrom('invoices')
        .select(sql<number>`coalesce(max(seq), 0)`.as('max'))
        .where('series', '=', 'INV')
        .executeTakeFirstOrThrow();
      const results = await Promise.all(
        buyers.map((b, i) =>
          b.post(`/api/v1/orders/${orders[i]!.id}/milestones/${orders[i]!.milestones[0]!.id}/pay`, CARD),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
      const rows = await t.ctx.db
        .selectFrom('invoices')
        .select(['seq', 'user_id'])
        .where('series', '=', 'INV')
        .where('seq', '>', Number(before.max))
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.seq)).toEqual(
        Array.from({ length: 20 }, (_, i) => Number(before.max) + i + 1),
      );
      expect(new Set(rows.map((r) => r.user_id)).size).toBe(20);
      await expectLedgerSound(t);
    },
  );
});

describe('finance (INV-4)', () => {
  it(`INV-4: finance finds invoices by number, buyer and order, and exports a \
month of invoices and credit notes as CSV`, async () => {
    const buyer = await t.user({ name: 'Sinta Wijaya' });
    const seller = await t.seller();
    const svc = await publishService(seller, { price: 250_000 });
    const order = await orderService(buyer, svc.id);
    await buyer.post(`/api/v1/orders/${order.id}/milestones/${order.milestones[0]!.id}/pay`, CARD);
    const [inv] = await invoicesOf(buyer);
    const finance = await t.staff('finance');
    const find = async (q: string) =>
      (await finance.get('/api/admin/invoices').query({ filter: JSON.stringify({ q }) })).body.map(
        (d: { id: number }) => d.id,
      );
    expect(await find(inv!.number)).toEqual([inv!.id]);
    expect(await find('Sinta Wij')).toEqual([inv!.id]);
    expect(await find(String(order.id))).toContain(inv!.id);
    expect(await find(`#${order.id}`)).toContain(inv!.id);
    expect((await (await t.staff('support')).get('/api/admin/invoices')).status).toBe(403);

    const csv = await finance.get('/api/admin/invoices/export.csv').query({ month: '2026-11' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^number,kind,status,issued_at/);
    const count = await t.ctx.db
      .selectFrom('invoices')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(lines).toHaveLength(count.n + 1);
    expect(
      lines.some((l) => l.startsWith(`${inv!.number},invoice,issued,`) && l.includes('Sinta Wijaya')),
    ).toBe(true);
    expect(lines.some((l) => l.includes(',credit_note,'))).toBe(true);
    // Another month has none of them.
    const december = await finance.get('/api/admin/invoices/export.csv').query({ month: '2026-12' });
    expect(december.text.trim().split('\r\n')).toHaveLength(1);
    expect((await finance.get('/api/admin/invoices/export.csv').query({ month: '2026-13' })).status).toBe(
      400,
    );
  });

  it(`INV-4: the monthly revenue report comes from the ledger: commission, \
retained fees, refunds, payouts, held funds`, async () => {
    const finance = await t.staff('finance');
    const before = (await finance.get('/api/admin/revenue').query({ until: '2026-11', months: 2 })).body;
    expect(before.lines).toContain('commission');
    const nov0 = before.months[1];
    expect(before.months.map((m: { month: string }) => m.month)).toEqual(['2026-10', '2026-11']);

    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    void o;
    const after = (await finance.get('/api/admin/revenue').query({ until: '2026-11', months: 2 })).body;
    const nov = after.months[1];
    const commissionBp = (await (await t.staff('admin')).get('/api/admin/settings/commission_bp')).body.value;
    expect(nov.commission - nov0.commission).toBe((1_000_000 * commissionBp) / 10_000);
    expect(nov.revenueTotal).toBe(nov.commission + nov.retainedMarketplaceFees + nov.arbitrationFees);
    expect(nov.paymentProviderFees).toBeGreaterThan(nov0.paymentProviderFees);
    // The ledger's revenue account agrees with the report's revenue over all time.
    const all = (await finance.get('/api/admin/revenue').query({ until: '2026-12', months: 36 })).body;
    const reported = all.months.reduce((a: number, m: { revenueTotal: number }) => a + m.revenueTotal, 0);
    const {
      rows: [ledger],
    } = await sql<{ sum: number }>`select coalesce(sum(p.amount), 0)::bigint as sum from postings p
      join ledger_accounts a on a.id = p.account_id where a.kind = 'revenue'`.execute(t.ctx.db);
    expect(reported).toBe(Number(ledger!.sum));
    const refundsToCredit = all.months.reduce(
      (a: number, m: { refundsToCredit: number }) => a + m.refundsToCredit,
      0,
    );
    expect(refundsToCredit).toBeGreaterThan(0);

    const csv = await finance.get('/api/admin/revenue.csv').query({ until: '2026-11', months: 2 });
    expect(csv.status).toBe(200);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe(['month', ...after.lines].join(','));
    expect(rows[2]!.split(',')[0]).toBe('2026-11');
    expect(Number(rows[2]!.split(',')[after.lines.indexOf('commission') + 1])).toBe(nov.commission);
  });

  it('INV-2: with the VAT setting at 0 an invoice has no tax: the subtotal is the whole price', async () => {
    const admin = await t.staff('admin');
    const set = (value: number) =>
      admin.put('/api/admin/settings/invoice_vat_bp', { value, reason: 'Invoice tax test' });
    const was = (await admin.get('/api/admin/settings/invoice_vat_bp')).body.value as number;
    expect((await set(0)).status).toBe(200);
    const o = await makeOrder(t, { upTo: 'paid', price: 555_000 });
    const [inv] = await invoicesOf(o.buyer);
    expect(inv).toMatchObject({ total: 555_000, taxBp: 0, taxAmount: 0, subtotal: 555_000 });
    expect((await set(was)).status).toBe(200);
  });

  it(`INV-4: without \`until\` the report ends at this month in the marketplace time zone: November 1 \
second before Jakarta's midnight of 1 December, December at it`, async () => {
    expect(t.ctx.config.timezone).toBe('Asia/Jakarta');
    const finance = await t.staff('finance');
    const lastMonth = async () => {
      const json = (await finance.get('/api/admin/revenue').query({ months: 1 })).body;
      const csv = await finance.get('/api/admin/revenue.csv').query({ months: 1 });
      expect(csv.text.trim().split('\r\n')[1]!.split(',')[0]).toBe(json.months[0].month);
      return json.months.map((m: { month: string }) => m.month);
    };
    const midnight = Date.parse('2026-11-30T17:00:00Z'); // 1 December 00:00 in Jakarta
    await t.advance((midnight - t.clock.now().getTime()) / 1000 - 1);
    expect(await lastMonth()).toEqual(['2026-11']);
    await t.advance(1);
    expect(await lastMonth()).toEqual(['2026-12']);
  });
});
