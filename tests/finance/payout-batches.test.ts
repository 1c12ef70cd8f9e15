import { describe, expect, it, vi } from 'vitest';
import { useTestApp, type StaffClient, type UserClient } from '../helpers/context.js';
import { expectLedgerSound, makeOrder } from '../helpers/market.js';

const t = useTestApp();
vi.setConfig({ testTimeout: 120_000 });
const DAY = 86_400;
const P = 'https://pasar.dev/problems/';
const BANK = {
  type: 'bank_transfer',
  bank: 'BCA',
  accountNumber: '1234567890',
  holderName: 'Sari Dewi',
} as const;
const HEADER = 'payout_reference,outcome,amount_idr,bank_reference,failure_reason';

async function sellerWithAvailable() {
  const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
  await t.advance(14 * DAY + 60);
  return o.seller;
}

async function balance(u: UserClient) {
  return (await u.get('/api/v1/me/balance')).body as { available: number; withdrawing: number };
}

/** Payouts requested, approved and exported to a bank batch (WDR-7), as finance does it. */
async function exportedPayouts(finance: StaffClient, amounts: number[]) {
  const out: { id: number; seller: UserClient; amount: number }[] = [];
  for (const amount of amounts) {
    const seller = await sellerWithAvailable();
    const w = await seller.post('/api/v1/withdrawals', { amount, method: BANK });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    out.push({ id: w.body.id, seller, amount });
  }
  // First payouts to a new account are flagged (OPS-8): finance confirms them by name.
  const ids = out.map((w) => w.id);
  await finance.post('/api/admin/withdrawals/bulk-approve', { ids, confirmFlagged: ids });
  const csv = await finance.get('/api/admin/withdrawals/export.csv').set('X-CSRF-Token', finance.csrfToken);
  expect(csv.status).toBe(200);
  return { payouts: out, batch: Number(csv.headers['x-payout-batch']), file: csv.text };
}

type Row = { line: number; withdrawalId: number | null; flags: string[]; outcome: string | null };

describe('payout batches and the bank result file (issue 16 item 8)', () => {
  it('WDR-7: the batches page lists each batch with count and total and re-downloads its file', async () => {
    const finance = await t.staff('finance');
    const { batch, file } = await exportedPayouts(finance, [150_000, 200_000]);
    const list = await finance.get('/api/admin/payout-batches');
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ id: batch, count: 2, total: 350_000 });
    const again = await finance
      .get(`/api/admin/withdrawals/export.csv?batch=${batch}`)
      .set('X-CSRF-Token', finance.csrfToken);
    expect(again.text).toBe(file);
    expect((await (await t.staff('support')).get('/api/admin/payout-batches')).status).toBe(403);
  });

  it('OPS-8, WDR-4: the preview flags every bad row and changes nothing', async () => {
    const finance = await t.staff('finance');
    const { payouts } = await exportedPayouts(finance, [300_000, 400_000]);
    const [a, b] = payouts as [(typeof payouts)[number], (typeof payouts)[number]];
    const pending = (
      await (await sellerWithAvailable()).post('/api/v1/withdrawals', { amount: 100_000, method: BANK })
    ).body;
    const csv = [
      HEADER,
      `PASAR-WD-${a.id},paid,300000,BCA-TRX-1001,`,
      `PASAR-WD-${b.id},failed,400000,,"Account closed, name mismatch"`,
      `PASAR-WD-999999,paid,100000,BCA-TRX-1002,`,
      `PASAR-WD-${pending.id},paid,100000,BCA-TRX-1003,`,
      `PASAR-WD-${a.id},paid,300001,BCA-TRX-1001,`,
      `PASAR-WD-${b.id},failed,400000,,`,
      `PASAR-WD-${a.id},maybe,300000,,`,
    ].join('\r\n');
    const res = await finance.post('/api/admin/payout-results/preview', { csv });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const flags = (res.body.rows as Row[]).map((r) => [r.line, r.flags]);
    expect(flags).toEqual([
      [2, []],
      [3, []],
      [4, ['unknown_reference']],
      [5, ['wrong_state']],
      [6, ['amount_mismatch', 'bank_reference_used', 'duplicate_row']],
      [7, ['missing_failure_reason', 'duplicate_row']],
      [8, ['bad_outcome', 'duplicate_row']],
    ]);
    expect(res.body.summary).toMatchObject({
      rows: 7,
      ok: 2,
      flagged: 5,
      paid: { count: 1, total: 300_000 },
      failed: { count: 1, total: 400_000 },
    });
    // Nothing moved.
    const rows = await t.ctx.db
      .selectFrom('withdrawals')
      .select(['id', 'status'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['exported', 'exported']);
    // A file that is not the bank's format is a 400 naming the missing columns, never a 500.
    const bad = await finance.post('/api/admin/payout-results/preview', { csv: 'reference,status\nX,paid' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/payout_reference/);
    const broken = await finance.post('/api/admin/payout-results/preview', {
      csv: `${HEADER}\n"unterminated,paid`,
    });
    expect(broken.status).toBe(400);
    expect((await (await t.staff('support')).post('/api/admin/payout-results/preview', { csv })).status).toBe(
      403,
    );
  });

  it(`WDR-4: apply marks confirmed rows paid or failed via the machine, audited, \
all or nothing`, async () => {
    const finance = await t.staff('finance');
    const { payouts } = await exportedPayouts(finance, [500_000, 600_000, 700_000]);
    const [a, b, c] = payouts as [
      (typeof payouts)[number],
      (typeof payouts)[number],
      (typeof payouts)[number],
    ];
    const csv = [
      HEADER,
      `PASAR-WD-${a.id},paid,500000,BCA-TRX-2001,`,
      `PASAR-WD-${b.id},failed,600000,,Account closed`,
      `PASAR-WD-${c.id},paid,700001,BCA-TRX-2003,`,
    ].join('\n');
    const preview = (await finance.post('/api/admin/payout-results/preview', { csv })).body;
    expect((preview.rows as Row[]).map((r) => r.flags.length)).toEqual([0, 0, 1]);

    // A flagged row cannot be confirmed: 409, nothing applied.
    const refused = await finance.post('/api/admin/payout-results/apply', { csv, lines: [2, 4] });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe(`${P}bank-results-changed`);
    expect(refused.body.rows).toEqual([{ line: 4, flags: ['amount_mismatch'] }]);
    const still = await t.ctx.db
      .selectFrom('withdrawals')
      .select('status')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('exported');

    const before = await balance(b.seller);
    const applied = await finance
      .post('/api/admin/payout-results/apply', { csv, lines: [2, 3] })
      .set('Idempotency-Key', 'bank-file-2001');
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ applied: 2, total: 1_100_000 });
    const byId = async (id: number) =>
      t.ctx.db.selectFrom('withdrawals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await byId(a.id)).toMatchObject({
      status: 'paid',
      bank_reference: 'BCA-TRX-2001',
      paid_by: finance.id,
    });
    expect(await byId(b.id)).toMatchObject({ status: 'failed', reason: 'Account closed' });
    expect((await byId(c.id)).status).toBe('exported');
    // WDR-4: a failed payout's money returns to available.
    expect((await balance(b.seller)).available).toBe(before.available + 600_000);
    // OPS-3: each row has its own audit entry, and the upload one.
    const trail = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'actor_id'])
      .where('action', 'in', ['withdrawal.mark-paid', 'withdrawal.mark-failed', 'withdrawal.bank-results'])
      .where('actor_id', '=', finance.id)
      .execute();
    expect(trail.filter((x) => x.subject_id === String(a.id)).map((x) => x.action)).toEqual([
      'withdrawal.mark-paid',
    ]);
    expect(trail.filter((x) => x.subject_id === String(b.id)).map((x) => x.action)).toEqual([
      'withdrawal.mark-failed',
    ]);
    expect(trail.filter((x) => x.action === 'withdrawal.bank-results')).toHaveLength(1);

    // MNY-5: the same upload retried with its key replays the answer and moves nothing.
    const retry = await finance
      .post('/api/admin/payout-results/apply', { csv, lines: [2, 3] })
      .set('Idempotency-Key', 'bank-file-2001');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    // Without the key, the rows are now in the wrong state: refused, nothing applied twice.
    const twice = await finance.post('/api/admin/payout-results/apply', { csv, lines: [2, 3] });
    expect(twice.status).toBe(409);
    expect(twice.body.rows.map((r: { flags: string[] }) => r.flags[0])).toEqual([
      'wrong_state',
      'wrong_state',
    ]);
    await expectLedgerSound(t);
  });

  it(`finance finds a payout by its bank reference (whole or part, any case) or by its seller, \
open or not`, async () => {
    const finance = await t.staff('finance');
    const { payouts } = await exportedPayouts(finance, [500_000, 600_000]);
    const [a, b] = payouts as [(typeof payouts)[number], (typeof payouts)[number]];
    const csv = [HEADER, `PASAR-WD-${a.id},paid,500000,BCA-TRX-7001,`].join('\n');
    const applied = await finance.post('/api/admin/payout-results/apply', { csv, lines: [2] });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const found = async (filter: Record<string, unknown>) =>
      (
        (await finance.get(`/api/admin/withdrawals?filter=${encodeURIComponent(JSON.stringify(filter))}`))
          .body as { id: number }[]
      ).map((w) => w.id);
    expect(await found({ q: 'BCA-TRX-7001' })).toEqual([a.id]);
    expect(await found({ q: 'trx-700' })).toEqual([a.id]);
    // Paid, so not among the open payouts; the other one still is.
    expect(await found({ q: 'BCA-TRX-7001', open: true })).toEqual([]);
    const email = ((await b.seller.get('/api/v1/me')).body as { email: string }).email;
    expect(await found({ q: email, open: true })).toEqual([b.id]);
    expect(await found({ q: 'BCA-TRX-7002' })).toEqual([]);
  });
});
