import { sql, type Transaction } from 'kysely';
import type { AccountKind, Database, Executor } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import { settingsAt } from '../settings/repository.js';

export type UserAccountKind = 'credit' | 'pending' | 'available' | 'withdrawing' | 'held';
export const USER_ACCOUNT_KINDS: readonly UserAccountKind[] = [
  'credit',
  'pending',
  'available',
  'withdrawing',
  'held',
];
export type PlatformAccountKind =
  'gateway' | 'revenue' | 'fees_payment' | 'arbitration_fees' | 'provider_refunds';

export type AccountRef =
  | { kind: UserAccountKind; userId: number }
  | { kind: 'escrow'; milestoneId: number }
  | { kind: PlatformAccountKind };

export const account = {
  user: (userId: number, kind: UserAccountKind): AccountRef => ({ kind, userId }),
  escrow: (milestoneId: number): AccountRef => ({ kind: 'escrow', milestoneId }),
  platform: (kind: PlatformAccountKind): AccountRef => ({ kind }),
};

export function accountCode(ref: AccountRef): string {
  if ('userId' in ref) return `user:${ref.userId}:${ref.kind}`;
  if (ref.kind === 'escrow') return `escrow:milestone:${ref.milestoneId}`;
  return `platform:${ref.kind}`;
}

/**
 * Only the outside world may go below zero: the provider, and what the provider paid out that Pasar did not
 * ask for (refunds made at the provider, for finance to settle).
 */
const MAY_GO_NEGATIVE = new Set<AccountKind>(['gateway', 'provider_refunds']);

/**
 * Hot accounts: every payment, fee and release touches one of these, so no payment locks or updates them:
 * their balance is what the scheduler rolled up into the column plus the deltas posted since (see
 * platform-balances.ts; a trigger on postings writes the deltas). TigerBeetle's operator accounts
 * carry no balance-limit flag for the same reason: only an account with a limit needs its balance
 * read, and so serialised, before a transfer. See LOCKING.md.
 */
export const PLATFORM_KINDS: readonly PlatformAccountKind[] = [
  'gateway',
  'revenue',
  'fees_payment',
  'arbitration_fees',
  'provider_refunds',
];
const PLATFORM = new Set<string>(PLATFORM_KINDS);
export const isPlatformKind = (kind: string) => PLATFORM.has(kind);

/**
 * SQL for the balance of the ledger account row `alias`: the kept balance, and for a platform account the
 * deltas posted since the last roll-up on top of it (a handful of rows between two scheduler ticks).
 */
export function balanceSql(alias: string) {
  const a = sql.ref(alias);
  return sql<number>`(${a}.balance + case when ${a}.kind in (${sql.join(PLATFORM_KINDS)})
    then (select coalesce(sum(d.amount), 0) from platform_balance_deltas d where d.account_id = ${a}.id)
    else 0 end)::bigint`;
}

export interface Posting {
  account: AccountRef;
  amount: number;
}

export interface EntryInput {
  kind: string;
  /** English text for the API and exports. */
  memo: string;
  /** The same memo as a key of the console's catalogues (`enums.memo.<key>`) and its parameters. */
  memoKey?: string;
  memoParams?: Record<string, string | number>;
  /**
   * Accounts the caller locked in this transaction (`lockAccountsByCode`) with the balances it read, no entry
   * posted to them since: when every posting's account is among them, they are not read and locked again.
   */
  locked?: LockedAccount[];
  /** Unique per entry when given: a second entry with the same reference is refused. */
  reference?: string;
  orderId?: number | null;
  milestoneId?: number | null;
  userId?: number | null;
  staffId?: number | null;
  reversesEntryId?: number | null;
  postings: Posting[];
}

export class LedgerError extends Problem {
  constructor(slug: string, title: string, detail: string, extra?: Record<string, unknown>) {
    super({ status: 422, slug, title, detail, extra });
  }
}

/** The ids of the accounts, created on first use; one statement (two when another creator raced us). */
async function ensureAccounts(
  trx: Transaction<Database>,
  refs: AccountRef[],
  now: Date,
): Promise<Map<string, number>> {
  const wanted = [...new Map(refs.map((r) => [accountCode(r), r])).entries()];
  const values = sql.join(
    wanted.map(
      ([code, r]) =>
        sql`(${code}::text, ${r.kind}::text, ${'userId' in r ? r.userId : null}::int,
          ${r.kind === 'escrow' ? r.milestoneId : null}::int, ${MAY_GO_NEGATIVE.has(r.kind)}::boolean)`,
    ),
  );
  const { rows } = await sql<{ id: number; code: string }>`
    with wanted (code, kind, user_id, milestone_id, may_go_negative) as (values ${values}),
    created as (
      insert into ledger_accounts (code, kind, user_id, milestone_id, may_go_negative, created_at)
      select code, kind, user_id, milestone_id, may_go_negative, ${now} from wanted
      on conflict (code) do nothing
      returning id, code)
    select id, code from created
    union all
    select a.id, a.code from ledger_accounts a join wanted w on w.code = a.code`.execute(trx);
  const ids = new Map(rows.map((f) => [f.code, f.id]));
  if (ids.size < wanted.length) {
    // A concurrent transaction created one of them after this statement's snapshot: read it again.
    const found = await trx
      .selectFrom('ledger_accounts')
      .select(['id', 'code'])
      .where(
        'code',
        'in',
        wanted.map(([code]) => code),
      )
      .execute();
    for (const f of found) ids.set(f.code, f.id);
  }
  return ids;
}

export interface LockedAccount {
  id: number;
  code: string;
  balance: number;
  may_go_negative: boolean;
}

/** User and escrow accounts (platform accounts are never locked) with the given ids or codes, locked in
 * ascending id order (LOCKING.md: the last locks a use case takes), with their balances. */
async function lockAccountsWhere(
  trx: Transaction<Database>,
  column: 'id' | 'code',
  values: number[] | string[],
): Promise<LockedAccount[]> {
  if (!values.length) return [];
  return trx
    .selectFrom('ledger_accounts')
    .select(['id', 'code', 'balance', 'may_go_negative'])
    .where(column, 'in', values)
    .where('kind', 'not in', PLATFORM_KINDS)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
}

/** Locks user and escrow accounts by id (see {@link lockAccountsWhere}). */
export const lockAccounts = (trx: Transaction<Database>, ids: number[]) => lockAccountsWhere(trx, 'id', ids);

/**
 * `lockAccounts` by code, in one statement (a use case that reads balances before it decides, such as
 * clearance): the accounts that exist.
 */
export const lockAccountsByCode = (trx: Transaction<Database>, codes: string[]) =>
  lockAccountsWhere(trx, 'code', codes);

const SPENDABLE = new Set<string>(['credit', 'pending', 'available']);

/**
 * WRN-9: money that reaches a blocked account after the block (an order completing, a tip, a refund)
 * goes to its `held` account instead of credit, pending or available, and the date finance may pay the
 * held funds out moves to the policy days after this arrival if that is later.
 */
async function towardsHeld(trx: Transaction<Database>, now: Date, postings: Posting[]): Promise<Posting[]> {
  const spendable = (p: Posting) => p.amount > 0 && 'userId' in p.account && SPENDABLE.has(p.account.kind);
  const credited = [
    ...new Set(postings.filter(spendable).map((p) => (p.account as { userId: number }).userId)),
  ];
  if (!credited.length) return postings;
  const blocked = await trx
    .selectFrom('users')
    .select('id')
    .where('id', 'in', credited)
    .where('status', '=', 'blocked')
    .execute();
  if (!blocked.length) return postings;
  const days = (await settingsAt(trx, now)).held_release_days;
  const releaseAt = new Date(now.getTime() + days * 86_400_000);
  await trx
    .updateTable('users')
    .set({ held_release_at: sql<Date>`greatest(held_release_at, ${releaseAt})` })
    .where(
      'id',
      'in',
      blocked.map((b) => b.id),
    )
    .execute();
  const ids = new Set(blocked.map((b) => b.id));
  return postings.map((p) =>
    spendable(p) && ids.has((p.account as { userId: number }).userId)
      ? { ...p, account: account.user((p.account as { userId: number }).userId, 'held') }
      : p,
  );
}

/**
 * MNY-1..4: the one function that moves money. An entry is a list of postings with signed
 * integer amounts (positive: into the account) that sum to zero. It runs inside the
 * caller's transaction, locks the user and escrow accounts it touches in id order (so concurrent
 * entries cannot deadlock), refuses to take one of them below zero, and writes the entry, its postings
 * and the kept balances in one statement. Platform accounts are appended to, never locked.
 *
 * Sign convention: an account's balance is the money it holds. `gateway` is the outside
 * world and goes negative as money comes in; `fees_payment` holds what the provider cost us.
 */
export async function postEntry(trx: Transaction<Database>, now: Date, input: EntryInput): Promise<number> {
  const postings = await towardsHeld(
    trx,
    now,
    input.postings.filter((p) => p.amount !== 0),
  );
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amount))
      throw new TypeError(`posting amount ${p.amount} is not an integer (MNY-1)`);
  }
  const sum = postings.reduce((a, p) => a + p.amount, 0);
  if (sum !== 0)
    throw new LedgerError(
      'unbalanced-entry',
      'Unbalanced journal entry',
      `The postings of ${input.kind} sum to ${sum}, not 0 (MNY-2).`,
    );
  if (postings.length < 2)
    throw new LedgerError('empty-entry', 'Empty journal entry', `${input.kind} moves no money.`);

  // Issue #14: accounts the caller has just locked are neither looked up nor locked again.
  const held = new Map((input.locked ?? []).map((a) => [a.code, a]));
  const allHeld = postings.every((p) => held.has(accountCode(p.account)));
  const ids = allHeld
    ? new Map([...held].map(([code, a]) => [code, a.id]))
    : await ensureAccounts(
        trx,
        postings.map((p) => p.account),
        now,
      );
  const kept = new Map<number, number>();
  for (const p of postings) {
    if (isPlatformKind(p.account.kind)) continue;
    const id = ids.get(accountCode(p.account))!;
    kept.set(id, (kept.get(id) ?? 0) + p.amount);
  }
  const locked = allHeld
    ? [...held.values()].filter((a) => kept.has(a.id))
    : await lockAccounts(trx, [...kept.keys()]);
  for (const acc of locked) {
    const next = acc.balance + kept.get(acc.id)!;
    if (!acc.may_go_negative && next < 0) {
      throw new LedgerError(
        'insufficient-funds',
        'Insufficient funds',
        `Account ${acc.code} holds ${acc.balance}; this would take it to ${next} (MNY-4).`,
        { account: acc.code, balance: acc.balance, needed: -kept.get(acc.id)! },
      );
    }
  }
  const rows = sql.join(
    postings.map((p, i) => sql`(${i}::int, ${ids.get(accountCode(p.account))!}::int, ${p.amount}::bigint)`),
  );
  const deltas = [...kept].filter(([, d]) => d !== 0);
  const keep = deltas.length
    ? sql`, kept as (update ledger_accounts a set balance = a.balance + d.delta
        from (values ${sql.join(deltas.map(([id, d]) => sql`(${id}::int, ${d}::bigint)`))}) d (id, delta)
        where a.id = d.id returning a.id)`
    : sql``;
  const { rows: entry } = await sql<{ id: number }>`
    with entry as (
      insert into journal_entries
        (kind, memo, memo_key, memo_params, reference, at, order_id, milestone_id, user_id, staff_id,
         reverses_entry_id)
      values (${input.kind}, ${input.memo}, ${input.memoKey ?? null},
        ${input.memoKey ? JSON.stringify(input.memoParams ?? {}) : null}::jsonb,
          ${input.reference ?? null}, ${now},
        ${input.orderId ?? null},
        ${input.milestoneId ?? null}, ${input.userId ?? null}, ${input.staffId ?? null},
        ${input.reversesEntryId ?? null})
      returning id),
    posted as (
      insert into postings (entry_id, account_id, amount)
      select entry.id, p.account_id, p.amount
      from entry, (values ${rows}) p (seq, account_id, amount) order by p.seq
      returning id)${keep}
    select id from entry`.execute(trx);
  return entry[0]!.id;
}

export type Balances = Record<UserAccountKind, number>;

export async function userBalances(db: Executor, userId: number): Promise<Balances> {
  const rows = await db
    .selectFrom('ledger_accounts')
    .select(['kind', 'balance'])
    .where('user_id', '=', userId)
    .execute();
  const out = Object.fromEntries(USER_ACCOUNT_KINDS.map((k) => [k, 0])) as Balances;
  for (const r of rows) out[r.kind as UserAccountKind] = r.balance;
  return out;
}

export async function accountBalance(db: Executor, ref: AccountRef): Promise<number> {
  const row = await db
    .selectFrom('ledger_accounts as a')
    .select(balanceSql('a').as('balance'))
    .where('a.code', '=', accountCode(ref))
    .executeTakeFirst();
  return row?.balance ?? 0;
}

/**
 * MNY-4: the sum of all postings (must be 0), accounts below zero (must be none), kept balances out of
 * step with postings (for a platform account: its rolled-up column and pending deltas together).
 */
export async function trialBalance(db: Executor) {
  const total = await db
    .selectFrom('postings')
    .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('sum'))
    .executeTakeFirstOrThrow();
  const negative = await db
    .selectFrom('ledger_accounts as a')
    .select(['a.id', 'a.code', 'a.kind', balanceSql('a').as('balance')])
    .where('a.may_go_negative', '=', false)
    .where(balanceSql('a'), '<', 0)
    .execute();
  const drift = await sql<{ id: number; code: string; balance: number; postings: number }>`
    select a.id, a.code, ${balanceSql('a')} as balance, coalesce(sum(p.amount), 0)::bigint as postings
    from ledger_accounts a left join postings p on p.account_id = a.id
    group by a.id
    having ${balanceSql('a')} <> coalesce(sum(p.amount), 0)`.execute(db);
  const byKind = await db
    .selectFrom('ledger_accounts as a')
    .select([
      'a.kind',
      sql<number>`sum(${balanceSql('a')})::bigint`.as('balance'),
      sql<number>`count(*)::int`.as('accounts'),
    ])
    .groupBy('a.kind')
    .orderBy('a.kind')
    .execute();
  const entries = await db
    .selectFrom('journal_entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const sum = total.sum;
  return {
    ok: sum === 0 && negative.length === 0 && drift.rows.length === 0,
    sum,
    entries: entries.n,
    negativeAccounts: negative,
    driftingAccounts: drift.rows,
    byKind,
  };
}
