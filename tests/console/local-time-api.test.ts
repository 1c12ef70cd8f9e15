import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

const t = useTestApp();

// Issue #16 item 6: the console shows dates in the marketplace zone and memos in the staff member's language.
describe('what the console needs for local time and language', () => {
  it('GET /api/admin/me says the marketplace time zone (PASAR_TIMEZONE)', async () => {
    const support = await t.staff('support');
    const me = await support.get('/api/admin/me');
    expect(me.status).toBe(200);
    expect(me.body.timezone).toBe(t.ctx.config.timezone);
    expect(me.body.timezone).toBe('Asia/Jakarta');
  });

  it('ledger entries carry a memo key and its parameters next to the English memo', async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 750_000 });
    const finance = await t.staff('finance');
    const list = await finance.get(
      `/api/admin/ledger-entries?filter=${JSON.stringify({ orderId: String(o.orderId) })}`,
    );
    expect(list.status).toBe(200);
    const release = (
      list.body as {
        kind: string;
        memo: string;
        memoKey: string;
        memoParams: { orderId: number; share: number; commission: number };
      }[]
    ).find((e) => e.kind === 'escrow-release');
    expect(release).toBeDefined();
    expect(release!.memo).toMatch(/to the seller/);
    expect(release!.memoKey).toBe('escrow_release');
    expect(release!.memoParams.orderId).toBe(o.orderId);
    expect(release!.memoParams.share + release!.memoParams.commission).toBe(750_000);
    expect(release!.memo).toContain(`${release!.memoParams.share} to the seller`);
    const order = await finance.get(`/api/admin/orders/${o.orderId}`);
    const posting = (order.body.timeline as { type: string; kind?: string; memoKey?: string }[]).find(
      (i) => i.type === 'posting' && i.kind === 'escrow-release',
    );
    expect(posting?.memoKey).toBe('escrow_release');
  });
});
