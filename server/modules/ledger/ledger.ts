import { sql, type Transaction } from 'kysely';
import type { AccountKind, Database, Executor } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';

/**
 * MNY-1..4: the one function that moves money. An entry is a list of postings with signed
 * integer amounts (positive: into the account) that sum to zero. It runs inside the
 * caller's transaction, locks every account it touches in id order (so concurrent entries
 * cannot deadlock), and refuses to take an account that may not go negative below zero.
 *
 * Sign convention: an account's balance is the money it holds. `gateway` is the outside
 * world and goes negative as money comes in; `fees_payment` holds what the provider cost us.
 */

export type UserAccountKind = 'credit' | 'pending' | 'available' | 'withdrawing' | 'held';
export const USER_ACCOUNT_KINDS: readonly UserAccountKind[] = [
  'credit',
  'pending',
  'available',
  'withdrawing',
  'held',
];
export type PlatformAccountKind = 'gateway' | 'revenue' | 'fees_payment' | 'arbitration_fees';

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

/** Only the outside world may go below zero. */
const MAY_GO_NEGATIVE = new Set<AccountKind>(['gateway']);

export interface Posting {
  account: AccountRef;
  amount: number;
}

export interface EntryInput {
  kind: string;
  memo: string;
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
    super(422, slug, title, detail, extra);
  }
}

async function ensureAccounts(
  trx: Transaction<Database>,
  refs: AccountRef[],
  now: Date,
): Promise<Map<string, number>> {
  const codes = [...new Set(refs.map(accountCode))];
  const rows = refs.map((r) => ({
    code: accountCode(r),
    kind: r.kind,
    user_id: 'userId' in r ? r.userId : null,
    milestone_id: r.kind === 'escrow' ? (r as { milestoneId: number }).milestoneId : null,
    may_go_negative: MAY_GO_NEGATIVE.has(r.kind),
    created_at: now,
  }));
  const unique = [...new Map(rows.map((r) => [r.code, r])).values()];
  await trx
    .insertInto('ledger_accounts')
    .values(unique)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const found = await trx
    .selectFrom('ledger_accounts')
    .select(['id', 'code'])
    .where('code', 'in', codes)
    .execute();
  return new Map(found.map((f) => [f.code, f.id]));
}

export async function postEntry(trx: Transaction<Database>, now: Date, input: EntryInput): Promise<number> {
  const postings = input.postings.filter((p) => p.amount !== 0);
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

  const ids = await ensureAccounts(
    trx,
    postings.map((p) => p.account),
    now,
  );
  const byAccount = new Map<number, number>();
  for (const p of postings) {
    const id = ids.get(accountCode(p.account))!;
    byAccount.set(id, (byAccount.get(id) ?? 0) + p.amount);
  }
  // Lock in a fixed order (ascending id): no two entries can wait on each other.
  const locked = await trx
    .selectFrom('ledger_accounts')
    .select(['id', 'code', 'balance', 'may_go_negative'])
    .where('id', 'in', [...byAccount.keys()])
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const acc of locked) {
    const next = acc.balance + byAccount.get(acc.id)!;
    if (!acc.may_go_negative && next < 0) {
      throw new LedgerError(
        'insufficient-funds',
        'Insufficient funds',
        `Account ${acc.code} holds ${acc.balance}; this would take it to ${next} (MNY-4).`,
        { account: acc.code, balance: acc.balance, needed: -byAccount.get(acc.id)! },
      );
    }
  }
  const entry = await trx
    .insertInto('journal_entries')
    .values({
      kind: input.kind,
      memo: input.memo,
      reference: input.reference ?? null,
      at: now,
      order_id: input.orderId ?? null,
      milestone_id: input.milestoneId ?? null,
      user_id: input.userId ?? null,
      staff_id: input.staffId ?? null,
      reverses_entry_id: input.reversesEntryId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('postings')
    .values(
      postings.map((p) => ({
        entry_id: entry.id,
        account_id: ids.get(accountCode(p.account))!,
        amount: p.amount,
      })),
    )
    .execute();
  for (const [id, delta] of byAccount) {
    if (delta !== 0)
      await trx
        .updateTable('ledger_accounts')
        .set({ balance: sql`balance + ${delta}` })
        .where('id', '=', id)
        .execute();
  }
  return entry.id;
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
    .selectFrom('ledger_accounts')
    .select('balance')
    .where('code', '=', accountCode(ref))
    .executeTakeFirst();
  return row?.balance ?? 0;
}

/**
 * MNY-4: the sum of all postings (must be 0), accounts below zero (must be none), balances out of step with
 * postings.
 */
export async function trialBalance(db: Executor) {
  const total = await db
    .selectFrom('postings')
    .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('sum'))
    .executeTakeFirstOrThrow();
  const negative = await db
    .selectFrom('ledger_accounts')
    .select(['id', 'code', 'kind', 'balance'])
    .where('may_go_negative', '=', false)
    .where('balance', '<', 0)
    .execute();
  const drift = await sql<{ id: number; code: string; balance: number; postings: number }>`
    select a.id, a.code, a.balance, coalesce(sum(p.amount), 0)::bigint as postings
    from ledger_accounts a left join postings p on p.account_id = a.id
    group by a.id having a.balance <> coalesce(sum(p.amount), 0)`.execute(db);
  const byKind = await db
    .selectFrom('ledger_accounts')
    .select([
      'kind',
      sql<number>`sum(balance)::bigint`.as('balance'),
      sql<number>`count(*)::int`.as('accounts'),
    ])
    .groupBy('kind')
    .orderBy('kind')
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
