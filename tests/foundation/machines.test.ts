import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATEFUL_TABLES, stateWritesIn } from '../helpers/state-writes.js';
import { checkTransition } from '../../server/machines/apply.js';
import { PROJECT_MACHINE } from '../../server/modules/catalogue/machine.js';
import { Problem } from '../../server/http/problem.js';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * Machines write states; so does the one applier. Migrations are frozen and may create columns.
 * Anything else that writes a state is named here with the reason; nothing the product runs is.
 */
const ALLOWED: Record<string, string> = {
  'scripts/bench/core/fixtures.ts':
    'the benchmark creates thousands of active users in one statement; it measures the API, not sign-up',
  'scripts/bench/admin/volume.ts':
    'a million orders and their cases in SQL (generate_series): volume for the admin lists, not a process',
  'scripts/bench/jobs/suite.ts':
    'sellers, orders and due clearances in SQL: the jobs benchmark measures the scheduler, not sign-up',
  'scripts/bench/mail/suite.ts':
    'recipients as active users in SQL: the mail benchmark measures the outbox, not sign-up',
};
const mayWriteState = (file: string) =>
  file.endsWith('/machine.ts') || file.startsWith('server/machines/') || file in ALLOWED;

describe('every process is a machine', () => {
  it('the check knows every table a machine.ts moves', () => {
    const machineFiles = ['server']
      .flatMap((d) => sources(join(root, d)))
      .filter((f) => f.endsWith('/machine.ts'));
    const tables = machineFiles.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\btable: '(\w+)'/g)].map((m) => m[1]!),
    );
    expect(tables.length).toBeGreaterThan(15);
    expect([...new Set(tables)].filter((t) => !STATEFUL_TABLES.has(t))).toEqual([]);
  });

  it('no status or stage is written outside a machine.ts (server/, scripts/, db/)', () => {
    const files = ['server', 'scripts', 'db'].flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(50);
    const writes = files
      .map((f) => relative(root, f))
      .filter((f) => !mayWriteState(f))
      .flatMap((f) => stateWritesIn(f, readFileSync(join(root, f), 'utf8')));
    expect(writes.map((w) => `${w.file}:${w.line} ${w.table}: ${w.what}`)).toEqual([]);
  });

  it('the check finds state writes planted in every shape they are written in', () => {
    const planted = `
      async function f(trx, rows, opts, status) {
        await trx.updateTable('withdrawals').set({ status: 'paid' }).where('id', '=', 1).execute();
        await trx
          .updateTable('milestones')
          .set({
            released_at: null,
            status: 'released',
          })
          .execute();
        const set = { stage: 'closed' as const };
        await trx.updateTable('disputes').set(set).execute();
        await trx.updateTable('users as u').set({ ...(true ? { status: 'blocked' } : {}) }).execute();
        await trx.insertInto('reports').values(rows.map((r) => ({ ...r, status: 'open' }))).execute();
        await trx
          .insertInto('identity_checks')
          .values(Array.from({ length: 2 }, () => ({ status: 'x' })))
          .execute();
        await trx.updateTable('orders').set({ ['status']: 'completed' }).execute();
        await trx.updateTable('refund_requests').set({ status }).execute();
        await trx.updateTable('proposals').set(opts.values).execute();
        await trx.updateTable(opts.table).set({ status: 'x' }).execute();
        await sql\`update escalations set status = 'decided' where id = \${1}\`.execute(trx);
        await sql\`insert into projects (buyer_id, status) values (1, 'open')\`.execute(trx);
        const q = trx.updateTable('escalations');
        await q.set({ status: 'decided' }).execute();
        await upd(trx).set({ status: 'closed' }).execute();
        await (await later(trx)).set({ stage: 'closed' }).execute();
        await trx.updateTable('tickets').set({ status: 'solved' }).execute();
      }
      const upd = (trx) => trx.updateTable('reports').where('id', '=', 1);
      async function later(trx) {
        return trx.updateTable('disputes');
      }`;
    const found = stateWritesIn('planted.ts', planted);
    expect(found.map((w) => w.table)).toEqual([
      'withdrawals',
      'milestones',
      'disputes',
      'users',
      'reports',
      'identity_checks',
      'orders',
      'refund_requests',
      'proposals',
      '(computed table)',
      'escalations',
      'projects',
      'escalations',
      'reports',
      'disputes',
      'tickets',
    ]);
  });

  it('writes of other columns, and of tables that are not processes, pass', () => {
    const fine = `
      async function f(trx) {
        await trx.updateTable('orders').set({ due_at: null, updated_at: now }).execute();
        await trx.updateTable('outbox').set({ status: 'sent' }).execute();
        await trx.insertInto('payments').values({ reference, status: 'succeeded' }).execute();
        await trx.updateTable(opts.table).set({ assigned_to: 1 }).execute();
        await trx.selectFrom('orders').where('status', '=', 'open').execute();
        await sql\`select count(*) filter (where status = 'completed') from orders\`.execute(trx);
        const q = trx.updateTable('outbox');
        await q.set({ status: 'sent' }).execute();
        const params = new URLSearchParams();
        params.set('status', 'open');
        const seen = new Map();
        seen.set(1, { status: 'open' });
      }`;
    expect(stateWritesIn('fine.ts', fine)).toEqual([]);
  });
});

describe('the default 409 of a machine without its own', () => {
  it('names the state in `state` (`status` is the HTTP status) and the transition', () => {
    let thrown: unknown;
    try {
      checkTransition(PROJECT_MACHINE, { state: 'awarded', name: 'buyer-award', actor: 'buyer' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).toJSON()).toEqual({
      type: 'https://pasar.dev/problems/project-state-conflict',
      title: 'Not possible in this state',
      status: 409,
      detail: 'It is awarded; buyer-award needs open.',
      state: 'awarded',
      transition: 'buyer-award',
    });
  });
});
