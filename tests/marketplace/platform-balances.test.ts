import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { itOnPostgres, useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder, orderService, publishService } from '../helpers/market.js';
import { rollUpPlatformBalances } from '../../server/modules/ledger/platform-balances.js';

const t = useTestApp();

/** The platform accounts as finance sees them in the console: code -> balance. */
async function platformBalances(): Promise<Record<string, number>> {
  const finance = await t.staff('finance');
  const filter = encodeURIComponent(JSON.stringify({ kind: ['gateway', 'revenue', 'fees_payment'] }));
  const res = await finance.get(`/api/admin/accounts?filter=${filter}&range=${encodeURIComponent('[0,99]')}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.body as { code: string; balance: number }[]).map((a) => [a.code, a.balance]),
  );
}

/** The ground truth: each platform account's postings summed. */
async function postingSums(): Promise<Record<string, number>> {
  const { rows } = await sql<{ code: string; sum: string }>`
    select a.code, coalesce(sum(p.amount), 0) as sum from ledger_accounts a
    left join postings p on p.account_id = a.id
    where a.kind in ('gateway', 'revenue', 'fees_payment') group by a.code`.execute(t.ctx.db);
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.sum)]));
}

const pendingDeltas = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from platform_balance_deltas`.execute(t.ctx.db)).rows[0]!
      .n,
  );

/**
 * Issue #15: a platform account's balance is its rolled-up column plus the deltas posted since, so reading
 * it never sums millions of postings and paying never locks it (MNY-4, issue #14).
 */
describe('platform account balances (MNY-4)', () => {
  it('equal the sum of their postings before the scheduler rolls the deltas up, and after', async () => {
    await makeOrder(t, { upTo: 'paid', price: 700_000 });
    expect(await pendingDeltas()).toBeGreaterThan(0);
    const before = await platformBalances();
    expect(before).toEqual(await postingSums());
    expect(before['platform:gateway']).not.toBe(0);

    await t.ctx.scheduler.runDue();
    expect(await pendingDeltas()).toBe(0);
    expect(await platformBalances()).toEqual(before);

    // A second payment moves the balance at once, before any roll-up.
    await makeOrder(t, { upTo: 'paid', price: 300_000 });
    const after = await platformBalances();
    expect(after).toEqual(await postingSums());
    expect(after['platform:gateway']).not.toBe(before['platform:gateway']);
    await expectLedgerSound(t);
  });

  it('a platform column out of step with its postings is drift that the ledger check reports', async () => {
    await makeOrder(t, { upTo: 'paid' });
    await t.ctx.scheduler.runDue();
    await sql`update ledger_accounts set balance = balance + 1 where code = 'platform:gateway'`.execute(
      t.ctx.db,
    );
    try {
      const finance = await t.staff('finance');
      const res = await finance.get('/api/admin/ledger/trial-balance');
      expect(res.status).toBe(200);
      const drifting = (res.body as { driftingAccounts: { code: string }[] }).driftingAccounts;
      expect(drifting.map((a) => a.code)).toEqual(['platform:gateway']);
    } finally {
      await sql`update ledger_accounts set balance = balance - 1 where code = 'platform:gateway'`.execute(
        t.ctx.db,
      );
    }
  });

  itOnPostgres(
    'payments while two schedulers roll up at once: no delta lost or counted twice (PostgreSQL only)',
    async () => {
      const seller = await t.seller();
      const service = await publishService(seller, { price: 150_000 });
      const buyers = await Promise.all(Array.from({ length: 12 }, () => t.user()));
      const orders = await Promise.all(buyers.map((b) => orderService(b, service.id)));
      let paying = true;
      const rolling = async () => {
        let folded = 0;
        while (paying) folded += await rollUpPlatformBalances(t.ctx.db);
        return folded;
      };
      const rollers = [rolling(), rolling()];
      const paid = await Promise.all(
        orders.map((o, i) =>
          buyers[i]!.post(`/api/v1/orders/${o.id}/milestones/${o.milestones[0]!.id}/pay`, CARD),
        ),
      );
      paying = false;
      await Promise.all(rollers);
      expect(paid.map((r) => r.status)).toEqual(paid.map(() => 200));
      expect(await platformBalances()).toEqual(await postingSums());
      await rollUpPlatformBalances(t.ctx.db);
      expect(await pendingDeltas()).toBe(0);
      expect(await platformBalances()).toEqual(await postingSums());
      await expectLedgerSound(t);
    },
  );
});
