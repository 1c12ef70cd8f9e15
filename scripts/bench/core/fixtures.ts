import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../../server/context.js';
import { generate } from 'otplib';
import { hashPassword } from '../../../server/auth/passwords.js';
import { issueToken } from '../../../server/auth/user-tokens.js';
import { createStaff } from '../../../server/modules/staff/service.js';
import { systemActor } from '../../../server/modules/audit/audit.js';
import { inParallel, must, type Call, type Client } from '../lib/http.js';

export const CARD = { source: 'card', cardToken: 'tok_visa' } as const;
const PASSWORD = 'BenchPass123';
const REASON = 'Benchmark setup';

export interface Party {
  id: number;
  auth: Record<string, string>;
}

export interface Staff {
  auth: Record<string, string>;
}

/** The people of one benchmark database, made once. */
export interface World {
  buyers: Party[];
  sellers: Party[];
  /** Each seller's order-sized service. */
  services: Map<number, number>;
  support: Staff;
  /**
   * Sixteen sessions of support agents: staff sessions are touched on every request (rolling), so
   * sixteen clients on one session would measure that row, not the refund.
   */
  agents: Staff[];
  finance: Staff;
  admin: Staff;
}

export interface PlacedOrder {
  orderId: number;
  milestoneId: number;
  buyer: Party;
  seller: Party;
}

/** OPS-7: bench admin and finance sign in with a second factor enrolled with this secret. */
const BENCH_TOTP_SECRET = 'PASARBENCHTOTPSECRETFORBENCHONLY';
const usedSteps = new Map<string, number>();

/** A console sign-in as the console makes it, with the second step when the role has one (OPS-7). */
export async function staffLogin(c: Client, email: string, password = PASSWORD): Promise<Staff> {
  let a = await must(
    c,
    {
      method: 'POST',
      path: '/api/admin/session',
      body: { email, password },
    },
    [200, 202],
  );
  if (a.status === 202) {
    // The second step in the half-way session; each TOTP step is accepted once, one step ahead allowed.
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(current, (usedSteps.get(email) ?? -1) + 1);
    usedSteps.set(email, step);
    const pending = String(a.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    a = await must(c, {
      method: 'POST',
      path: '/api/admin/session/second-factor',
      headers: { cookie: pending },
      body: { code: await generate({ secret: BENCH_TOTP_SECRET, epoch: step * 30 }) },
    });
  }
  const cookie = String(a.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  return { auth: { cookie, 'x-csrf-token': a.body.csrfToken } };
}

/** OPS-7: enrols a bench staff member's authenticator (admin and finance cannot work without one). */
export async function enrolSecondFactor(db: AppContext['db'], staffId: number, now: Date): Promise<void> {
  await db
    .insertInto('staff_second_factors')
    .values({
      staff_id: staffId,
      secret: BENCH_TOTP_SECRET,
      created_at: now,
      confirmed_at: now,
      last_time_step: null,
    })
    .onConflict((oc) => oc.column('staff_id').doNothing())
    .execute();
}

/**
 * Users and staff are rows and tokens (as the test builders make them: registration by e-mail link is not
 * what is measured); everything with money goes through the product's HTTP API.
 */
export async function makeWorld(
  ctx: AppContext,
  c: Client,
  counts: { buyers: number; sellers: number },
): Promise<World> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const hash = await hashPassword(PASSWORD);
  for (const role of ['admin', 'support', 'finance'] as const) {
    const staff = await createStaff(db, ctx.clock, {
      actor: systemActor,
      input: { email: `${role}@bench.test`, name: `Bench ${role}`, role, password: PASSWORD },
    });
    if (role !== 'support') await enrolSecondFactor(db, staff.id, now);
  }
  const [admin, support, finance] = [
    await staffLogin(c, 'admin@bench.test'),
    await staffLogin(c, 'support@bench.test'),
    await staffLogin(c, 'finance@bench.test'),
  ];
  const agents: Staff[] = [];
  for (let i = 0; i < 16; i++) agents.push(await staffLogin(c, 'support@bench.test'));
  const people = async (n: number, kind: 'buyer' | 'seller') => {
    const rows = await db
      .insertInto('users')
      .values(
        Array.from({ length: n }, (_, i) => ({
          name: `Bench ${kind} ${i}`,
          email: `${kind}${i}@bench.test`,
          username: `bench${kind}${i}`,
          password_hash: hash,
          status: 'active' as const,
          is_seller: kind === 'seller',
          created_at: now,
          activated_at: now,
          suspended_until: null,
        })),
      )
      .returning('id')
      .execute();
    const out: Party[] = [];
    for (const r of rows) {
      const { token } = await issueToken(db, r.id, ctx.authClock.now());
      out.push({ id: r.id, auth: { authorization: `Bearer ${token}` } });
    }
    return out;
  };
  const buyers = await people(counts.buyers, 'buyer');
  const sellers = await people(counts.sellers, 'seller');
  // CAT-1: the benchmark's sellers are new; post-moderation keeps their services orderable at once.
  await must(c, {
    method: 'PUT',
    path: '/api/admin/settings',
    headers: admin.auth,
    body: { values: { service_premoderated_levels: 0 }, reason: REASON },
  });
  const services = new Map<number, number>();
  await inParallel(sellers, 16, async (s, i) => {
    const a = await must(c, {
      method: 'POST',
      path: '/api/v1/services',
      headers: s.auth,
      body: {
        title: `Logo design for your shop ${i}`,
        description: 'A clean, modern logo with three concepts and source files.',
        category: 'graphics_design',
        price: 500_000,
        deliveryDays: 3,
        revisions: 1,
      },
    });
    services.set(s.id, a.body.id);
  });
  // Withdrawals by the same sellers, many times (WDR-2 is about people, not what is measured); the clock
  // of the benchmark's scheduler runs 15 days ahead for clearance, so auto-acceptance must not fire.
  await must(c, {
    method: 'PUT',
    path: '/api/admin/settings',
    headers: admin.auth,
    body: { values: { withdrawal_interval_days: 0, auto_complete_days: 60 }, reason: REASON },
  });
  return { buyers, sellers, services, support, agents, finance, admin };
}

/** Pure volume for the search: services copied in SQL with other titles. */
export async function addCatalogueVolume(db: Kysely<Database>, n: number) {
  const words = ['logo', 'website', 'translation', 'video', 'poster', 'copywriting', 'illustration', 'app'];
  await sql`
    insert into services (seller_id, title, description, category, price, delivery_days, revisions, active,
      created_at, updated_at)
    select s.seller_id, (array[${sql.join(words.map((w) => sql.lit(w)))}])[1 + g % ${words.length}]
        || ' service number ' || g, s.description, s.category, s.price + g, s.delivery_days, s.revisions,
        true, s.created_at, s.updated_at
    from generate_series(1, ${n}) g, lateral (select * from services order by id limit 1) s`.execute(db);
}

export function idempotent(auth: Record<string, string>): Record<string, string> {
  return { ...auth, 'idempotency-key': randomUUID() };
}

export const pay = (o: PlacedOrder): Call => ({
  method: 'POST',
  path: `/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`,
  headers: idempotent(o.buyer.auth),
  body: CARD,
});
export const deliver = (o: PlacedOrder): Call => ({
  method: 'POST',
  path: `/api/v1/orders/${o.orderId}/deliveries`,
  headers: o.seller.auth,
  body: { message: 'Here is the work' },
});
export const accept = (o: PlacedOrder): Call => ({
  method: 'POST',
  path: `/api/v1/orders/${o.orderId}/accept`,
  headers: o.buyer.auth,
});
export const askRefund = (o: PlacedOrder): Call => ({
  method: 'POST',
  path: `/api/v1/orders/${o.orderId}/refund-requests`,
  headers: o.buyer.auth,
  body: { reason: 'seller_not_working_as_agreed', message: 'Nothing was delivered.' },
});
export const approveRefund = (w: World, refundId: number): Call => ({
  method: 'POST',
  path: `/api/admin/refund-requests/${refundId}/approve`,
  headers: w.agents[refundId % w.agents.length]!.auth,
  body: { reason: 'Approved by the benchmark' },
});
export const withdraw = (s: Party, amount = 100_000): Call => ({
  method: 'POST',
  path: '/api/v1/withdrawals',
  headers: idempotent(s.auth),
  body: { amount, method: { type: 'ewallet', provider: 'GoPay', accountId: `08123${s.id}` } },
});

export type Stage = 'placed' | 'paid' | 'delivered' | 'completed' | 'refund-requested';

/**
 * `n` orders brought to `stage` through the API (16 at a time), buyer i and seller i modulo the world.
 * Returns them with the refund request id for `refund-requested`.
 */
export async function ordersAt(
  w: World,
  c: Client,
  db: Kysely<Database>,
  n: number,
  stage: Stage,
  sellers: Party[] = w.sellers,
  offset = 0,
): Promise<(PlacedOrder & { refundId?: number })[]> {
  const out: (PlacedOrder & { refundId?: number })[] = [];
  await inParallel(
    Array.from({ length: n }, (_, i) => i + offset),
    16,
    async (i) => {
      const buyer = w.buyers[i % w.buyers.length]!;
      const seller = sellers[i % sellers.length]!;
      const placed = await must(c, {
        method: 'POST',
        path: `/api/v1/services/${w.services.get(seller.id)}/orders`,
        headers: buyer.auth,
      });
      const m = await db
        .selectFrom('milestones')
        .select('id')
        .where('order_id', '=', placed.body.id)
        .executeTakeFirstOrThrow();
      const o: PlacedOrder & { refundId?: number } = {
        orderId: placed.body.id,
        milestoneId: m.id,
        buyer,
        seller,
      };
      if (stage !== 'placed') await must(c, pay(o));
      if (stage === 'delivered' || stage === 'completed') await must(c, deliver(o));
      if (stage === 'completed') await must(c, accept(o));
      if (stage === 'refund-requested') o.refundId = (await must(c, askRefund(o))).body.id;
      out.push(o);
    },
  );
  return out;
}
