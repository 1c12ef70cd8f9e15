import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { itOnPostgres, useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder, orderService, publishService } from '../helpers/market.js';
import { AUTO_PREPARED_MAX_PARAMS, PREPARED, createNamer } from '../../db/prepared.js';
import { connect } from '../../db/connect.js';
import { loadConfig } from '../../server/config.js';

const t = useTestApp();

describe('hot statements are prepared once per connection (issue #14; no rule id in the rulebook)', () => {
  it('the mark is read at the start or right after select, and never on a select of *', () => {
    const isMarkedPrepared = (text: string) => createNamer()(text) !== undefined;
    expect(isMarkedPrepared(`${PREPARED} select o.id from orders o`)).toBe(true);
    expect(isMarkedPrepared(`select ${PREPARED} "id", count(*) over () as "n" from "orders"`)).toBe(true);
    expect(isMarkedPrepared(`select ${PREPARED} * from "orders"`)).toBe(false);
    expect(isMarkedPrepared(`select ${PREPARED} "orders".*, count(*) over () from "orders"`)).toBe(false);
    expect(isMarkedPrepared(`select "id" from "orders" where "id" = $1 -- ${PREPARED}`)).toBe(false);
    expect(isMarkedPrepared('select "id" from "orders"')).toBe(false);
  });

  it('writes and selects that lock rows are prepared unmarked, unless they return * or pass the cap', () => {
    const prepared = (text: string, namer = createNamer()) => namer(text) !== undefined;
    expect(prepared('insert into "order_events" ("order_id") values ($1) returning "id"')).toBe(true);
    expect(prepared('update "orders" set "status" = $1 where "id" = $2')).toBe(true);
    expect(prepared('delete from "cart" where "id" = $1')).toBe(true);
    expect(
      prepared('\n  with posted as (insert into postings (amount) values ($1) returning id) select 1'),
    ).toBe(true);
    expect(
      prepared('select "id", "balance" from "ledger_accounts" where "id" in ($1) for no key update'),
    ).toBe(true);
    expect(prepared('select "id" from "jobs" where "run_at" <= $1 for update skip locked')).toBe(true);
    expect(prepared('SELECT id FROM users WHERE id = $1 FOR SHARE')).toBe(true);
    // Reads plan with their values; `*` would break a kept plan when a migration adds a column.
    expect(prepared('select "id" from "orders" where "status" = $1')).toBe(false);
    expect(prepared('with recent as (select id from orders) select * from recent')).toBe(false);
    expect(prepared('select "id" from "orders" where "note" = \'for update\'')).toBe(false);
    expect(prepared('select * from "orders" where "id" = $1 for no key update')).toBe(false);
    expect(prepared('update "orders" set "status" = $1 where "id" = $2 returning *')).toBe(false);
    expect(prepared('insert into "orders" ("title") values ($1) returning "orders".*')).toBe(false);
    // Past the cap a new text goes unnamed; texts named before keep their names.
    const namer = createNamer(2);
    const first = namer('update "a" set "x" = $1');
    expect(first).toMatch(/^p[0-9a-f]{24}$/);
    expect(namer('update "b" set "x" = $1')).toBeDefined();
    expect(namer('update "c" set "x" = $1')).toBeUndefined();
    expect(namer('update "a" set "x" = $1')).toBe(first);
    expect(namer(`${PREPARED} select "id" from "c"`)).toBeDefined();
    // A batch's text (one per size) goes unnamed past the parameters allowed.
    const batch = (n: number) => {
      const ids = Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
      return `update "jobs" set "status" = 'done' where "id" in (${ids})`;
    };
    expect(createNamer()(batch(AUTO_PREPARED_MAX_PARAMS), AUTO_PREPARED_MAX_PARAMS)).toBeDefined();
    expect(createNamer()(batch(AUTO_PREPARED_MAX_PARAMS + 1), AUTO_PREPARED_MAX_PARAMS + 1)).toBeUndefined();
  });

  itOnPostgres(
    'a marked statement is kept by name on its connection, a marked select of * is not',
    async () => {
      const kept = await t.ctx.db.connection().execute(async (c) => {
        for (const id of [1, 2])
          await sql`${sql.raw(PREPARED)} select o.id from orders o where o.id = ${id}`.execute(c);
        await sql`select ${sql.raw(PREPARED)} * from orders where id = ${1}`.execute(c);
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements`.execute(c);
        return rows.map((r) => r.statement);
      });
      expect(kept).toEqual([`${PREPARED} select o.id from orders o where o.id = $1`]);
    },
  );

  itOnPostgres(
    'PASAR_DB_PREPARE=0 sends every statement unnamed (for a pooler that cannot keep prepared statements)',
    async () => {
      expect(loadConfig({}).dbPrepare).toBe(true);
      expect(loadConfig({ PASAR_DB_PREPARE: '0' }).dbPrepare).toBe(false);
      expect(() => loadConfig({ PASAR_DB_PREPARE: 'no' })).toThrow(/PASAR_DB_PREPARE must be 0 or 1/);
      const keptBy = async (prepare: boolean) => {
        const handle = await connect({ databaseUrl: t.database.url, poolSize: 1, prepare });
        try {
          await sql`update orders set updated_at = updated_at where id = ${0}`.execute(handle.db);
          const { rows } = await sql<{
            n: number;
          }>`select count(*)::int as n from pg_prepared_statements`.execute(handle.db);
          return rows[0]!.n;
        } finally {
          await handle.close();
        }
      };
      expect(await keptBy(true)).toBe(1);
      expect(await keptBy(false)).toBe(0);
    },
  );

  itOnPostgres(
    'card payments keep working when a migration adds columns to every table they lock, write or return',
    async () => {
      const seller = await t.seller();
      const buyer = await t.user();
      const service = await publishService(seller);
      const pay = async () => {
        const order = await orderService(buyer, service.id);
        const res = await buyer.post(
          `/api/v1/orders/${order.id}/milestones/${order.milestones[0]!.id}/pay`,
          CARD,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      };
      // One after another: the pool hands the same connection back, which then keeps the money path's plans.
      for (let i = 0; i < 3; i++) await pay();
      const tables = ['orders', 'milestones', 'ledger_accounts', 'journal_entries', 'postings', 'invoices'];
      for (const table of tables.concat('idempotency_keys', 'order_events', 'notifications', 'outbox'))
        await sql`alter table ${sql.table(table)} add column money_probe text`.execute(t.ctx.db);
      for (let i = 0; i < 3; i++) await pay();
      await expectLedgerSound(t);
    },
  );

  itOnPostgres(
    'the order detail, the order list and the refund list answer the same after a migration adds a column',
    async () => {
      const { buyer, orderId } = await makeOrder(t, { upTo: 'completed' });
      // Every pooled connection the requests use keeps the plans: ask more often than the pool is wide.
      const read = async () => {
        const paths = [`/api/v1/orders/${orderId}`, '/api/v1/orders', '/api/v1/refund-requests'];
        const answers = await Promise.all(Array.from({ length: 45 }, (_, i) => buyer.get(paths[i % 3]!)));
        for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
        return answers.slice(0, 3).map((a) => a.body);
      };
      const before = await read();
      await sql`alter table orders add column probe_note text`.execute(t.ctx.db);
      await sql`alter table refund_requests add column probe_note text`.execute(t.ctx.db);
      expect(await read()).toEqual(before);
    },
  );
});
