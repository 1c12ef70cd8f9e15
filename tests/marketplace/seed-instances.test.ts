import { describe, expect } from 'vitest';
import { sql } from 'kysely';
import { seedDemo } from '../../server/seed.js';
import { trialBalance } from '../../server/modules/ledger/ledger.js';
import { itOnPostgres, START, useTestApp } from '../helpers/context.js';

const t = useTestApp();

describe('demo seed with several instances', () => {
  itOnPostgres(
    'an instance starting while another seeds the empty database waits for it' +
      ' and seeds nothing (PostgreSQL only)',
    async () => {
      let seeding: Promise<boolean> | undefined;
      await t.ctx.db.transaction().execute(async (trx) => {
        // Another instance is seeding: it holds the seed lock and its first staff row is not committed yet.
        await sql`select pg_advisory_xact_lock(hashtext('pasar-demo-seed'))`.execute(trx);
        seeding = seedDemo(t.ctx, 'Pasar-Demo-2026');
        let waiting = 0;
        for (let i = 0; i < 200 && waiting === 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const row = await sql<{ n: number }>`select count(*)::int as n from pg_locks
            where locktype = 'advisory' and not granted`.execute(t.ctx.db);
          waiting = row.rows[0]!.n;
        }
        expect(waiting, 'the second seed waits for the first').toBe(1);
        await trx
          .insertInto('staff')
          .values({
            email: 'first-instance@pasar.test',
            name: 'Seeded by the first instance',
            role: 'admin',
            active: true,
            password_hash: 'x',
            created_at: START,
            last_login_at: null,
          })
          .execute();
      });
      expect(await seeding).toBe(false);
      const staff = await t.ctx.db.selectFrom('staff').select('email').execute();
      expect(staff.map((s) => s.email)).toEqual(['first-instance@pasar.test']);
      expect((await trialBalance(t.ctx.db)).ok).toBe(true);
    },
  );
});
