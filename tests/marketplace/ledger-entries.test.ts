import { describe, expect, it } from 'vitest';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { itOnPostgres, useTestApp } from '../helpers/context.js';
import { expectLedgerSound, makeOrder } from '../helpers/market.js';
import {
  account,
  accountBalance,
  accountCode,
  lockAccountsByCode,
  postEntry,
  trialBalance,
  type EntryInput,
} from '../../server/modules/ledger/ledger.js';
import { rollUpPlatformBalances } from '../../server/modules/ledger/platform-balances.js';

/**
 * The journal's one writer, `postEntry`, and its readers (issue #21: `ledger/ledger.ts` under Stryker):
 * what it refuses and with which problem, the columns each entry keeps, the accounts it creates, and what
 * the trial balance reports.
 */
const t = useTestApp();
const DAY = 86_400;

const post = (input: EntryInput) =>
  t.ctx.db.transaction().execute((trx) => postEntry(trx, t.clock.now(), input));

/** The error a refused entry throws (the transaction rolls back, so nothing is written). */
async function refusal(input: EntryInput): Promise<Error> {
  try {
    await post(input);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`${input.kind} was posted`);
}

const entryView = async (id: number) => {
  const res = await (await t.staff('finance')).get(`/api/admin/ledger-entries/${id}`);
  expect(res.status).toBe(200);
  return res.body;
};

/** A user's credit account funded from the gateway, as a refund to credit would (in `trx` when given). */
function fundCredit(userId: number, amount: number, trx?: Transaction<Database>) {
  const input: EntryInput = {
    kind: 'test-credit',
    memo: 'Test credit',
    postings: [
      { account: account.platform('gateway'), amount: -amount },
      { account: account.user(userId, 'credit'), amount },
    ],
  };
  return trx ? postEntry(trx, t.clock.now(), input) : post(input);
}

/** Waits until a session of this test's database waits on a row lock (5 seconds at most). */
async function untilOneWaitsOnALock() {
  for (let i = 0; i < 250; i++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(t.ctx.db);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no session waited on a lock');
}

const ROLLBACK = new Error('rolled back on purpose');

/** The trial balance as `change` leaves the books, read in a transaction then rolled back. */
async function trialBalanceAfter(change: (trx: Transaction<Database>) => Promise<unknown>) {
  let seen: Awaited<ReturnType<typeof trialBalance>> | undefined;
  await t.ctx.db
    .transaction()
    .execute(async (trx) => {
      await change(trx);
      seen = await trialBalance(trx);
      throw ROLLBACK;
    })
    .catch((e: unknown) => {
      if (e !== ROLLBACK) throw e;
    });
  return seen!;
}

/** An entry written straight into the tables, past every check of postEntry (the trigger still runs). */
async function rawEntry(trx: Transaction<Database>, postings: [code: string, amount: number][]) {
  const entry = await trx
    .insertInto('journal_entries')
    .values({ kind: 'test-raw', memo: 'Written past postEntry', at: t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [code, amount] of postings) {
    const acc = await trx
      .selectFrom('ledger_accounts')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    await trx.insertInto('postings').values({ entry_id: entry.id, account_id: acc.id, amount }).execute();
  }
}

describe('postEntry (MNY-1, MNY-2, MNY-4)', () => {
  it(`MNY-1, MNY-2: an entry with a fractional amount, postings that do not sum to zero or \
no money moved is refused with its own error`, async () => {
    const gateway = account.platform('gateway');
    const revenue = account.platform('revenue');
    const fractional = await refusal({
      kind: 'test',
      memo: 'half a rupiah',
      postings: [
        { account: gateway, amount: -0.5 },
        { account: revenue, amount: 0.5 },
      ],
    });
    expect(fractional).toBeInstanceOf(TypeError);
    expect(fractional.message).toBe('posting amount -0.5 is not an integer (MNY-1)');

    const unbalanced = await refusal({
      kind: 'test-unbalanced',
      memo: 'one rupiah short',
      postings: [
        { account: gateway, amount: -100 },
        { account: revenue, amount: 99 },
      ],
    });
    expect(unbalanced).toMatchObject({
      status: 422,
      slug: 'unbalanced-entry',
      title: 'Unbalanced journal entry',
      detail: 'The postings of test-unbalanced sum to -1, not 0 (MNY-2).',
    });

    for (const postings of [
      [],
      [
        { account: gateway, amount: 0 },
        { account: revenue, amount: 0 },
      ],
    ])
      expect(await refusal({ kind: 'test-empty', memo: 'nothing', postings })).toMatchObject({
        status: 422,
        slug: 'empty-entry',
        title: 'Empty journal entry',
        detail: 'test-empty moves no money.',
      });
    await expectLedgerSound(t);
  });

  it(`MNY-2: a zero posting is left out of the entry, and the entry keeps its memo key, \
parameters, reference and links; a reference is used once`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const finance = await t.staff('finance');
    const bare = await post({
      kind: 'test-bare',
      memo: 'Bare entry',
      postings: [
        { account: account.platform('gateway'), amount: -1000 },
        { account: account.user(o.buyer.id, 'held'), amount: 0 },
        { account: account.platform('revenue'), amount: 1000 },
      ],
    });
    expect(await entryView(bare)).toMatchObject({
      kind: 'test-bare',
      memo: 'Bare entry',
      memoKey: null,
      memoParams: null,
      reference: null,
      orderId: null,
      milestoneId: null,
      userId: null,
      staffId: null,
      reversesEntryId: null,
      postings: [
        { account: 'platform:gateway', amount: -1000 },
        { account: 'platform:revenue', amount: 1000 },
      ],
    });
    // The zero posting created no account either.
    const held = await t.ctx.db
      .selectFrom('ledger_accounts')
      .select('id')
      .where('code', '=', `user:${o.buyer.id}:held`)
      .execute();
    expect(held).toEqual([]);

    const keyed = await post({
      kind: 'test-keyed',
      memo: 'Keyed entry',
      memoKey: 'test_keyed',
      reference: `test:keyed:${o.orderId}`,
      orderId: o.orderId,
      milestoneId: o.milestoneId,
      userId: o.buyer.id,
      staffId: finance.id,
      reversesEntryId: bare,
      postings: [
        { account: account.platform('revenue'), amount: -1000 },
        { account: account.platform('gateway'), amount: 1000 },
      ],
    });
    expect(await entryView(keyed)).toMatchObject({
      memoKey: 'test_keyed',
      memoParams: {},
      reference: `test:keyed:${o.orderId}`,
      orderId: o.orderId,
      milestoneId: o.milestoneId,
      userId: o.buyer.id,
      staffId: finance.id,
      reversesEntryId: bare,
    });
    const withParams = await post({
      kind: 'test-params',
      memo: 'With parameters',
      memoKey: 'test_params',
      memoParams: { orderId: o.orderId, who: 'buyer' },
      postings: [
        { account: account.platform('gateway'), amount: -1 },
        { account: account.platform('revenue'), amount: 1 },
      ],
    });
    expect((await entryView(withParams)).memoParams).toEqual({ orderId: o.orderId, who: 'buyer' });

    await expect(
      post({
        kind: 'test-keyed',
        memo: 'The same reference again',
        reference: `test:keyed:${o.orderId}`,
        postings: [
          { account: account.platform('gateway'), amount: -1 },
          { account: account.platform('revenue'), amount: 1 },
        ],
      }),
    ).rejects.toThrow(/unique|duplicate/i);
    await expectLedgerSound(t);
  });

  it(`MNY-4: paying from credit the buyer lacks is a 422 that names the account, its balance \
and what was needed; credit of exactly the price pays`, async () => {
    const short = await makeOrder(t, { upTo: 'placed' });
    await fundCredit(short.buyer.id, short.amount - 1);
    const res = await short.buyer.post(
      `/api/v1/orders/${short.orderId}/milestones/${short.milestoneId}/pay`,
      {
        source: 'credit',
      },
    );
    const code = `user:${short.buyer.id}:credit`;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      type: 'https://pasar.dev/problems/insufficient-funds',
      title: 'Insufficient funds',
      detail: `Account ${code} holds ${short.amount - 1}; this would take it to -1 (MNY-4).`,
      account: code,
      balance: short.amount - 1,
      needed: short.amount,
    });

    const exact = await makeOrder(t, { upTo: 'placed' });
    await fundCredit(exact.buyer.id, exact.amount);
    const paid = await exact.buyer.post(
      `/api/v1/orders/${exact.orderId}/milestones/${exact.milestoneId}/pay`,
      { source: 'credit' },
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect((await exact.buyer.get('/api/v1/me/balance')).body.credit).toBe(0);
    expect(await accountBalance(t.ctx.db, account.escrow(exact.milestoneId))).toBe(exact.amount);
    await expectLedgerSound(t);
  });

  it(`MNY-4: an entry on accounts the caller has locked uses their balances: it may empty them, \
never overdraw them`, async () => {
    const user = await t.user();
    await post({
      kind: 'test-credit',
      memo: 'Credit and available',
      postings: [
        { account: account.platform('gateway'), amount: -150 },
        { account: account.user(user.id, 'credit'), amount: 100 },
        { account: account.user(user.id, 'available'), amount: 50 },
      ],
    });
    const credit = account.user(user.id, 'credit');
    const available = account.user(user.id, 'available');
    const move = (amount: number) =>
      t.ctx.db.transaction().execute(async (trx) =>
        postEntry(trx, t.clock.now(), {
          kind: 'test-move',
          memo: 'Credit to available',
          locked: await lockAccountsByCode(trx, [accountCode(credit), accountCode(available)]),
          postings: [
            { account: credit, amount: -amount },
            { account: available, amount },
          ],
        }),
      );
    await expect(move(101)).rejects.toMatchObject({
      slug: 'insufficient-funds',
      extra: { account: accountCode(credit), balance: 100, needed: 101 },
    });
    await move(100);
    expect((await user.get('/api/v1/me/balance')).body).toMatchObject({ credit: 0, available: 150 });
    await expectLedgerSound(t);
  });

  it(`MNY-3: the accounts an entry creates carry their owner, and only the outside world may go \
below zero`, async () => {
    const o = await makeOrder(t, { upTo: 'completed' });
    const rows = await t.ctx.db
      .selectFrom('ledger_accounts')
      .select(['code', 'kind', 'user_id', 'milestone_id', 'may_go_negative'])
      .where('code', 'in', [
        `escrow:milestone:${o.milestoneId}`,
        `user:${o.seller.id}:pending`,
        'platform:gateway',
        'platform:revenue',
      ])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      {
        code: `escrow:milestone:${o.milestoneId}`,
        kind: 'escrow',
        user_id: null,
        milestone_id: o.milestoneId,
        may_go_negative: false,
      },
      { code: 'platform:gateway', kind: 'gateway', user_id: null, milestone_id: null, may_go_negative: true },
      {
        code: 'platform:revenue',
        kind: 'revenue',
        user_id: null,
        milestone_id: null,
        may_go_negative: false,
      },
      {
        code: `user:${o.seller.id}:pending`,
        kind: 'pending',
        user_id: o.seller.id,
        milestone_id: null,
        may_go_negative: false,
      },
    ]);
  });

  it('MNY-3: a new user has every balance at zero, and an account never used holds 0', async () => {
    const user = await t.user();
    const res = await user.get('/api/v1/me/balance');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ credit: 0, pending: 0, available: 0, withdrawing: 0, held: 0 });
    expect(await accountBalance(t.ctx.db, account.user(user.id, 'credit'))).toBe(0);
    expect(await accountBalance(t.ctx.db, account.escrow(2_000_000_000))).toBe(0);
  });

  it(`MNY-4: arbitration fees and provider refunds are platform accounts: appended to, rolled up \
like the others, and provider refunds may go below zero`, async () => {
    const arbitration = account.platform('arbitration_fees');
    const providerRefunds = account.platform('provider_refunds');
    await post({
      kind: 'test-platform',
      memo: 'Platform accounts',
      postings: [
        { account: account.platform('gateway'), amount: -5000 },
        { account: arbitration, amount: 5000 },
      ],
    });
    await post({
      kind: 'test-provider-refund',
      memo: 'Refunded at the provider',
      postings: [
        { account: account.platform('gateway'), amount: 700 },
        { account: providerRefunds, amount: -700 },
      ],
    });
    const before = [
      await accountBalance(t.ctx.db, arbitration),
      await accountBalance(t.ctx.db, providerRefunds),
    ];
    expect(before).toEqual([5000, -700]);
    await rollUpPlatformBalances(t.ctx.db);
    expect([
      await accountBalance(t.ctx.db, arbitration),
      await accountBalance(t.ctx.db, providerRefunds),
    ]).toEqual(before);
    const tb = await trialBalance(t.ctx.db);
    expect(tb).toMatchObject({ ok: true, sum: 0, negativeAccounts: [], driftingAccounts: [] });
  });

  it(`WRN-9: money posted to a blocked user's credit, pending or available goes to held and \
moves the release date to the policy days after it; a debit is not redirected, another user is \
untouched`, async () => {
    const blocked = await t.user();
    const other = await t.user();
    await fundCredit(blocked.id, 1000);
    const ts = await t.staff('trust_safety');
    expect((await ts.post(`/api/admin/users/${blocked.id}/block`, { reason: 'Stolen cards' })).status).toBe(
      200,
    );
    const admin = await t.staff('admin');
    const days = (await admin.get('/api/admin/settings/held_release_days')).body.value as number;
    const releaseAt = async () =>
      (
        await t.ctx.db
          .selectFrom('users')
          .select('held_release_at')
          .where('id', '=', blocked.id)
          .executeTakeFirstOrThrow()
      ).held_release_at!.getTime();
    expect(await releaseAt()).toBe(t.clock.now().getTime() + days * DAY * 1000);
    await t.advance(DAY);
    await post({
      kind: 'test-arrivals',
      memo: 'Money arriving after the block',
      postings: [
        { account: account.platform('gateway'), amount: -1000 },
        { account: account.user(blocked.id, 'credit'), amount: 200 },
        { account: account.user(blocked.id, 'pending'), amount: 300 },
        { account: account.user(blocked.id, 'available'), amount: 400 },
        { account: account.user(other.id, 'credit'), amount: 100 },
      ],
    });
    expect(await releaseAt()).toBe(t.clock.now().getTime() + days * DAY * 1000);
    const balances = async (userId: number) =>
      Object.fromEntries(
        (
          await t.ctx.db
            .selectFrom('ledger_accounts')
            .select(['kind', 'balance'])
            .where('user_id', '=', userId)
            .where('balance', '<>', 0)
            .execute()
        ).map((a) => [a.kind, a.balance]),
      );
    expect(await balances(blocked.id)).toEqual({ held: 1900 });
    expect(await balances(other.id)).toEqual({ credit: 100 });
    // Money leaving held (a payout of held funds) is no arrival: the release date stays.
    const release = await releaseAt();
    await t.advance(DAY);
    await post({
      kind: 'test-held-out',
      memo: 'Held funds paid out',
      userId: blocked.id,
      postings: [
        { account: account.user(blocked.id, 'held'), amount: -100 },
        { account: account.platform('gateway'), amount: 100 },
      ],
    });
    expect(await releaseAt()).toBe(release);
    expect(await balances(blocked.id)).toEqual({ held: 1800 });
    // A debit of the blocked user's empty credit stays a debit of credit, and is refused (MNY-4).
    expect(
      await refusal({
        kind: 'test-debit',
        memo: 'Spending credit after the block',
        postings: [
          { account: account.user(blocked.id, 'credit'), amount: -100 },
          { account: account.platform('revenue'), amount: 100 },
        ],
      }),
    ).toMatchObject({ slug: 'insufficient-funds', extra: { account: `user:${blocked.id}:credit` } });
    await expectLedgerSound(t);
  });

  it(`MNY-4: the trial balance fails on postings that do not sum to zero, on an account below \
zero that may not be, and on a kept balance out of step, each alone`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    await post({
      kind: 'test-platform',
      memo: 'Arbitration fees to spend',
      postings: [
        { account: account.platform('gateway'), amount: -300 },
        { account: account.platform('arbitration_fees'), amount: 300 },
      ],
    });
    const sound = await trialBalanceAfter(async () => {});
    expect(sound).toMatchObject({ ok: true, sum: 0, negativeAccounts: [], driftingAccounts: [] });
    const { n } = await t.ctx.db
      .selectFrom('journal_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(sound.entries).toBe(Number(n));
    const escrow = sound.byKind.find((k) => k.kind === 'escrow');
    const escrows = await t.ctx.db
      .selectFrom('ledger_accounts')
      .select(['balance'])
      .where('kind', '=', 'escrow')
      .execute();
    expect(escrow).toEqual({
      kind: 'escrow',
      balance: escrows.reduce((a, e) => a + e.balance, 0),
      accounts: escrows.length,
    });
    expect(sound.byKind.map((k) => k.kind)).toEqual([...sound.byKind.map((k) => k.kind)].sort());

    const unbalanced = await trialBalanceAfter((trx) => rawEntry(trx, [['platform:revenue', 1]]));
    expect(unbalanced).toMatchObject({ ok: false, sum: 1, negativeAccounts: [], driftingAccounts: [] });

    const fees = await accountBalance(t.ctx.db, account.platform('arbitration_fees'));
    expect(fees).toBeGreaterThanOrEqual(300);
    const below = await trialBalanceAfter((trx) =>
      rawEntry(trx, [
        ['platform:arbitration_fees', -fees - 1],
        ['platform:gateway', fees + 1],
      ]),
    );
    expect(below).toMatchObject({
      ok: false,
      sum: 0,
      negativeAccounts: [{ code: 'platform:arbitration_fees', kind: 'arbitration_fees', balance: -1 }],
      driftingAccounts: [],
    });

    const code = `escrow:milestone:${o.milestoneId}`;
    const drifting = await trialBalanceAfter((trx) =>
      trx
        .updateTable('ledger_accounts')
        .set((eb) => ({ balance: eb('balance', '+', 1) }))
        .where('code', '=', code)
        .execute(),
    );
    expect(drifting).toMatchObject({
      ok: false,
      sum: 0,
      negativeAccounts: [],
      driftingAccounts: [{ code, balance: o.amount + 1, postings: o.amount }],
    });
  });

  itOnPostgres(
    `MNY-2: two entries creating the same new account at once both post, the second once the \
first commits (PostgreSQL only) (no rule id in the rulebook)`,
    async () => {
      const user = await t.user();
      let created!: () => void;
      const posted = new Promise<void>((resolve) => (created = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = t.ctx.db.transaction().execute(async (trx) => {
        await fundCredit(user.id, 100, trx);
        created();
        await gate;
      });
      await posted;
      // The first transaction has created the account and not committed: the second waits on its row, and
      // its statement's snapshot cannot see the row once it may go on.
      const second = fundCredit(user.id, 250);
      await untilOneWaitsOnALock();
      release();
      await Promise.all([first, second]);
      expect((await user.get('/api/v1/me/balance')).body.credit).toBe(350);
      await expectLedgerSound(t);
    },
  );
});
