import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/seed.js';
import { trialBalance } from '../../server/modules/ledger/ledger.js';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp();

describe('demo seed', () => {
  it('seeds staff, users, services and orders in every everyday state, with sound books, once', async () => {
    expect(await seedDemo(t.ctx, 'Pasar-Demo-2026')).toBe(true);
    expect(await seedDemo(t.ctx, 'Pasar-Demo-2026')).toBe(false);
    const orders = await t.ctx.db.selectFrom('orders').select('status').execute();
    expect(orders.map((o) => o.status).sort()).toEqual([
      'awaiting_payment',
      'completed',
      'completed',
      'completed',
      'delivered',
      'in_progress',
    ]);
    // Two payouts wait in the finance queue, paid from earnings the scheduler cleared (CLR-1, WDR-3).
    const payouts = await t.ctx.db
      .selectFrom('withdrawals')
      .select(['amount', 'status'])
      .orderBy('amount')
      .execute();
    expect(payouts).toEqual([
      { amount: 1_000_000, status: 'pending' },
      { amount: 11_000_000, status: 'pending' },
    ]);
    // One identity check (with two real PNG files in storage) and one report wait for trust & safety.
    const docs = await t.ctx.db
      .selectFrom('user_documents')
      .select(['storage_key', 'purpose'])
      .orderBy('id')
      .execute();
    expect(docs.map((d) => d.purpose)).toEqual(['id_photo', 'selfie']);
    const png = await t.ctx.storage.get(docs[0]!.storage_key);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(320);
    expect(await t.ctx.db.selectFrom('reports').select('status').execute()).toEqual([{ status: 'open' }]);
    expect((await t.ctx.db.selectFrom('services').select('id').execute()).length).toBeGreaterThanOrEqual(4);
    // CAT-1, CAT-3: one new service waits for trust & safety, its phone number flagged.
    expect(await t.ctx.db.selectFrom('service_reviews').select(['status', 'flags']).execute()).toEqual([
      { status: 'open', flags: 1 },
    ]);
    const tb = await trialBalance(t.ctx.db);
    expect(tb.ok).toBe(true);
    expect(tb.entries).toBeGreaterThan(0);
  });
});
