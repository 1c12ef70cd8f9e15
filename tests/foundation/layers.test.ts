import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queriesIn } from '../helpers/route-queries.js';

const root = join(import.meta.dirname, '..', '..');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return /(^|-)routes\.ts$/.test(name) ? [path] : [];
  });
}

describe('routes parse, authorise and call a use case: no queries or transactions in routes.ts', () => {
  const files = routeFiles(join(root, 'server')).map((f) => relative(root, f));
  const found = files.flatMap((f) => queriesIn(f, readFileSync(join(root, f), 'utf8')));

  it('no routes file imports sql, starts a Kysely query or opens a transaction', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(found.map((q) => `${q.file}:${q.line} ${q.what}`)).toEqual([]);
  });

  it('the check finds queries planted in every shape they are written in', () => {
    const planted = `
      import { sql, type Transaction } from 'kysely';
      import { sql as raw } from 'kysely';
      import type { Kysely } from 'kysely';
      import { type sql as typeOnly } from 'kysely';
      export const r = (ctx, trx) => [
        ctx.db.selectFrom('orders').selectAll().execute(),
        trx.insertInto('notes').values({}).execute(),
        trx
          .updateTable('users')
          .set({ name: 'x' })
          .execute(),
        ctx.db.deleteFrom('sessions').execute(),
        listResource(ctx.db, res, ctx.db.selectFrom('tickets'), spec, q),
      ];`;
    expect(queriesIn('planted.ts', planted).map((q) => `${q.line} ${q.what}`)).toEqual([
      "2 imports kysely's sql",
      "3 imports kysely's sql",
      '7 calls selectFrom()',
      '8 calls insertInto()',
      '9 calls updateTable()',
      '13 calls deleteFrom()',
      '14 calls selectFrom()',
    ]);
  });

  it('a route that opens a transaction is found; handing the idempotent one to a use case passes', () => {
    const planted = `
      export const r = (ctx, body, transaction) => [
        ctx.db.transaction().execute((trx) => deliver(ctx, trx, body)),
        ctx.db
          .transaction()
          .setIsolationLevel('serializable')
          .execute((trx) => pay(ctx, trx, body)),
        transaction((trx) => accept(ctx, trx, body)),
        decideRefund(ctx, { ...body, run: transaction }),
      ];`;
    expect(queriesIn('planted.ts', planted).map((q) => `${q.line} ${q.what}`)).toEqual([
      '3 opens a transaction',
      '4 opens a transaction',
    ]);
  });

  it('calling a repository or a use case passes', () => {
    const fine = `
      import type { Transaction } from 'kysely';
      import { staffTickets } from './repository.js';
      export const r = (ctx, res, q) => listResource(ctx.db, res, staffTickets(ctx.db, ctx.clock), spec, q);`;
    expect(queriesIn('fine.ts', fine)).toEqual([]);
  });
});
