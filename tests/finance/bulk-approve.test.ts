import { describe, expect, it } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

const t = useTestApp();
const DAY = 86_400;
const P = 'https://pasar.dev/problems/';
const BANK = {
  type: 'bank_transfer',
  bank: 'BCA',
  accountNumber: '1234567890',
  holderName: 'Sari Dewi',
} as const;

async function sellerWithAvailable() {
  const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
  await t.advance(14 * DAY + 60);
  return o.seller;
}

async function withdraw(seller: UserClient, amount: number) {
  const res = await seller.post('/api/v1/withdrawals', { amount, method: BANK });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

type Result = { id: number; ok: boolean; skipped?: boolean; flags?: string[]; problem?: { type: string } };

describe('bulk payout approval: the server leaves flagged rows out (OPS-8, issue 16 item 4)', () => {
  it('OPS-8: flagged rows are skipped with their flags unless named in confirmFlagged', async () => {
    const finance = await t.staff('finance');
    const trust = await t.staff('trust_safety');
    // A seller paid before to the same account: their next payout carries no flag.
    const clean = await sellerWithAvailable();
    const first = await withdraw(clean, 100_000);
    await finance.post('/api/admin/withdrawals/bulk-approve', { ids: [first], confirmFlagged: [first] });
    await finance.get('/api/admin/withdrawals/export.csv').set('X-CSRF-Token', finance.csrfToken);
    expect(
      (await finance.post(`/api/admin/withdrawals/${first}/mark-paid`, { reference: 'BCA-BULK-1' })).status,
    ).toBe(200);
    await t.advance(7 * DAY + 60); // WDR-2: one withdrawal a week
    const w1 = await withdraw(clean, 200_000);
    // A first payout to a new account: flagged new_method only.
    const w2 = await withdraw(await sellerWithAvailable(), 250_000);
    // A seller warned twice after asking (WRN-4): suspended and warned lately, besides the new method.
    const suspended = await sellerWithAvailable();
    const w3 = await withdraw(suspended, 300_000);
    for (const n of [1, 2])
      await trust.post(`/api/admin/users/${suspended.id}/warnings`, { type: 'spam', reason: `Spam ${n}` });

    const res = await finance.post('/api/admin/withdrawals/bulk-approve', { ids: [w1, w2, w3] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ approved: 1, skipped: 2 });
    const rows = res.body.results as Result[];
    expect(rows.map((r) => [r.id, r.ok, r.skipped])).toEqual([
      [w1, true, undefined],
      [w2, false, true],
      [w3, false, true],
    ]);
    expect(rows[1]).toMatchObject({ flags: ['new_method'], problem: { type: `${P}payout-flagged` } });
    expect(rows[2]!.flags).toEqual(expect.arrayContaining(['suspended', 'recent_warning', 'new_method']));
    for (const id of [w2, w3])
      expect((await finance.get(`/api/admin/withdrawals/${id}`)).body.status).toBe('pending');
    expect((await finance.get(`/api/admin/withdrawals/${w1}`)).body.status).toBe('approved');

    // Only the flagged row named again is approved; the other stays out.
    const again = await finance.post('/api/admin/withdrawals/bulk-approve', {
      ids: [w2, w3],
      confirmFlagged: [w2],
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ approved: 1, skipped: 1 });
    expect((again.body.results as Result[]).map((r) => [r.id, r.ok])).toEqual([
      [w2, true],
      [w3, false],
    ]);
    expect((await finance.get(`/api/admin/withdrawals/${w2}`)).body.status).toBe('approved');
    expect((await finance.get(`/api/admin/withdrawals/${w3}`)).body.status).toBe('pending');

    // A confirmation always names rows of the request; a bad one is a 400 on the field, nothing runs.
    const stray = await finance.post('/api/admin/withdrawals/bulk-approve', {
      ids: [w3],
      confirmFlagged: [w1],
    });
    expect(stray.status).toBe(400);
    expect(stray.body.errors[0].field).toBe('body.confirmFlagged');
    const junk = await finance.post('/api/admin/withdrawals/bulk-approve', {
      ids: [w3],
      confirmFlagged: 'all',
    });
    expect(junk.status).toBe(400);
    expect((await finance.get(`/api/admin/withdrawals/${w3}`)).body.status).toBe('pending');

    // Confirmed, the suspended seller's payout is approved like any other (the choice is finance's).
    const confirmed = await finance.post('/api/admin/withdrawals/bulk-approve', {
      ids: [w3],
      confirmFlagged: [w3],
    });
    expect(confirmed.body).toMatchObject({ approved: 1, skipped: 0 });
  });
});
