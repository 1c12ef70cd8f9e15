import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { publishService } from '../helpers/market.js';
import { trialBalance } from '../../server/modules/ledger/ledger.js';

const t = useTestApp();

/**
 * MNY-2, MNY-4: random sequences of register / order / pay / deliver / accept / review /
 * tip / clear through the HTTP API; afterwards the trial balance is zero, no user account
 * is negative and every balance equals the sum of its postings.
 */
const op = fc.oneof(
  fc.record({ kind: fc.constant('register' as const) }),
  fc.record({ kind: fc.constant('order' as const), buyer: fc.nat(), service: fc.nat() }),
  fc.record({
    kind: fc.constant('pay' as const),
    order: fc.nat(),
    source: fc.constantFrom('card', 'credit', 'earnings', 'declined'),
  }),
  fc.record({ kind: fc.constant('deliver' as const), order: fc.nat() }),
  fc.record({ kind: fc.constant('accept' as const), order: fc.nat() }),
  fc.record({ kind: fc.constant('revise' as const), order: fc.nat() }),
  fc.record({ kind: fc.constant('review' as const), order: fc.nat(), stars: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    kind: fc.constant('tip' as const),
    order: fc.nat(),
    amount: fc.integer({ min: 1000, max: 200_000 }),
  }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 16 }) }),
);

describe('ledger invariants under random use (MNY-2, MNY-4)', () => {
  it(`MNY-4: after any sequence of operations the books balance and no user \
account is negative`, async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
    console.log(`ledger property seed: ${seed} (rerun with FC_SEED=${seed})`);
    const sellers: UserClient[] = [];
    const services: number[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await t.seller();
      sellers.push(s);
      services.push((await publishService(s, { price: 100_000 + i * 55_555 })).id);
    }
    const buyers: UserClient[] = [await t.user(), ...sellers];
    const orders: { id: number; buyer: UserClient; seller: UserClient }[] = [];

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          const pick = <T>(list: T[], n: number) => list[n % list.length]!;
          switch (o.kind) {
            case 'register':
              buyers.push(await t.user());
              break;
            case 'order': {
              const buyer = pick(buyers, o.buyer);
              const serviceIdx = o.service % services.length;
              const res = await buyer.post(`/api/v1/services/${services[serviceIdx]}/orders`);
              if (res.status === 201) orders.push({ id: res.body.id, buyer, seller: sellers[serviceIdx]! });
              else expect([422]).toContain(res.status); // ordering from yourself
              break;
            }
            case 'pay': {
              if (!orders.length) break;
              const ord = pick(orders, o.order);
              const detail = (await ord.buyer.get(`/api/v1/orders/${ord.id}`)).body;
              const m = detail.milestones.find((x: { status: string }) => x.status === 'unpaid');
              if (!m) break;
              const body =
                o.source === 'card'
                  ? { source: 'card', cardToken: 'tok_visa' }
                  : o.source === 'declined'
                    ? { source: 'card', cardToken: 'tok_declined' }
                    : { source: o.source };
              const res = await ord.buyer.post(`/api/v1/orders/${ord.id}/milestones/${m.id}/pay`, body);
              expect([200, 402, 422]).toContain(res.status);
              break;
            }
            case 'deliver': {
              if (!orders.length) break;
              const ord = pick(orders, o.order);
              expect([201, 409]).toContain(
                (await ord.seller.post(`/api/v1/orders/${ord.id}/deliveries`, { message: 'work' })).status,
              );
              break;
            }
            case 'accept': {
              if (!orders.length) break;
              const ord = pick(orders, o.order);
              expect([200, 409]).toContain((await ord.buyer.post(`/api/v1/orders/${ord.id}/accept`)).status);
              break;
            }
            case 'revise': {
              if (!orders.length) break;
              const ord = pick(orders, o.order);
              expect([200, 409]).toContain(
                (await ord.buyer.post(`/api/v1/orders/${ord.id}/revisions`, { message: 'again' })).status,
              );
              break;
            }
            case 'review': {
              if (!orders.length) break;
              const ord = pick(orders, o.order);
              const res = await ord.buyer.post(`/api/v1/orders/${ord.id}/reviews`, {
                communication: o.stars,
                asDescribed: o.stars,
                recommend: o.stars,
              });
              expect([201, 409, 422]).toContain(res.status);
              break;
            }
            case 'tip': {
              if (!orders.length) break;
              const ord = pick(orders, o.order);
              const res = await ord.buyer.post(`/api/v1/orders/${ord.id}/tips`, {
                amount: o.amount,
                source: 'card',
                cardToken: 'tok_visa',
              });
              expect([201, 409, 422]).toContain(res.status);
              break;
            }
            case 'wait':
              await t.advance(o.days * 86_400);
              break;
          }
        }
        const tb = await trialBalance(t.ctx.db);
        expect(tb.sum).toBe(0);
        expect(tb.negativeAccounts).toEqual([]);
        expect(tb.driftingAccounts).toEqual([]);
        // Each user's balances equal the sum of their postings, account by account.
        const mismatch = await sql<{
          code: string;
        }>`select a.code from ledger_accounts a left join postings p on p.account_id = a.id
        where a.user_id is not null group by a.id having a.balance <> coalesce(sum(p.amount), 0)
          or a.balance < 0`.execute(t.ctx.db);
        expect(mismatch.rows).toEqual([]);
        // Escrow holds exactly what unreleased, paid milestones are worth.
        const escrow = await sql<{ held: number; expected: number }>`select
        (select coalesce(sum(balance), 0)::bigint from ledger_accounts where kind = 'escrow') as held,
        (select coalesce(sum(amount), 0)::bigint from milestones where status in ('in_escrow',
          'delivered')) as expected`.execute(t.ctx.db);
        expect(escrow.rows[0]!.held).toBe(escrow.rows[0]!.expected);
      }),
      { seed, numRuns: 12 },
    );
  }, 240_000);
});
