import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { itOnPostgres, useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import { PREPARED, isMarkedPrepared } from '../../db/prepared.js';

const t = useTestApp();

describe('hot statements are prepared once per connection (issue #14; no rule id in the rulebook)', () => {
  it('the mark is read at the start or right after select, and never on a select of *', () => {
    expect(isMarkedPrepared(`${PREPARED} select o.id from orders o`)).toBe(true);
    expect(isMarkedPrepared(`select ${PREPARED} "id", count(*) over () as "n" from "orders"`)).toBe(true);
    expect(isMarkedPrepared(`select ${PREPARED} * from "orders"`)).toBe(false);
    expect(isMarkedPrepared(`select ${PREPARED} "orders".*, count(*) over () from "orders"`)).toBe(false);
    expect(isMarkedPrepared(`select "id" from "orders" where "id" = $1 -- ${PREPARED}`)).toBe(false);
    expect(isMarkedPrepared('select "id" from "orders"')).toBe(false);
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
