import { describe, expect } from 'vitest';
import { itOnPostgres, useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder } from '../helpers/market.js';

const t = useTestApp();
const N = 20;

async function ledgerSize() {
  const e = await t.ctx.db
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const p = await t.ctx.db
    .selectFrom('postings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { entries: Number(e.n), postings: Number(p.n) };
}

/** The requests race for row locks: see itOnPostgres. */
describe(`${N} concurrent requests (MNY-5, ORD-2, ORD-4)`, () => {
  itOnPostgres(
    'MNY-5, ORD-2: the same milestone paid by 20 concurrent requests is paid' +
      ' once; the others get 409 (PostgreSQL only)',
    async () => {
      const o = await makeOrder(t, { upTo: 'placed' });
      const before = await ledgerSize();
      const results = await Promise.all(
        Array.from({ length: N }, () =>
          o.buyer.post(`/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`, CARD),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(N - 1);
      for (const r of results.filter((x) => x.status === 409))
        expect(r.body.type).toBe('https://pasar.dev/problems/milestone-already-paid');
      const after = await ledgerSize();
      expect(after.entries - before.entries).toBe(2); // the payment and its provider fee, once
      const charges = await t.ctx.db
        .selectFrom('gateway_transactions')
        .select('id')
        .where('reference', '=', `charge:milestone:${o.milestoneId}`)
        .execute();
      expect(charges).toHaveLength(1);
      await expectLedgerSound(t);
    },
  );

  itOnPostgres(
    'ORD-4: the same order accepted by 20 concurrent requests releases the escrow once (PostgreSQL only)',
    async () => {
      const o = await makeOrder(t, { upTo: 'delivered', price: 1_000_000 });
      const before = await ledgerSize();
      const results = await Promise.all(
        Array.from({ length: N }, () => o.buyer.post(`/api/v1/orders/${o.orderId}/accept`)),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(N - 1);
      expect((await ledgerSize()).entries - before.entries).toBe(1);
      expect((await o.seller.get('/api/v1/me/balance')).body.pending).toBe(800_000);
      await expectLedgerSound(t);
    },
  );

  itOnPostgres(
    'MNY-5: one Idempotency-Key used by 20 concurrent requests executes once;' +
      ' the others replay its answer (PostgreSQL only)',
    async () => {
      const o = await makeOrder(t, { upTo: 'placed' });
      const before = await ledgerSize();
      const results = await Promise.all(
        Array.from({ length: N }, () =>
          o.buyer
            .post(`/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`, CARD)
            .set('Idempotency-Key', `race-${o.orderId}`),
        ),
      );
      expect(results.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.body.type}`))).toEqual(
        Array(N).fill(200),
      );
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(N - 1);
      const bodies = new Set(results.map((r) => JSON.stringify(r.body)));
      expect(bodies.size).toBe(1);
      expect((await ledgerSize()).entries - before.entries).toBe(2);
      await expectLedgerSound(t);
    },
  );
});
