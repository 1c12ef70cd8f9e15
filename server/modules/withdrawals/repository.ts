import { sql, type NotNull } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';
import { filters, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import { kindOf, queueColumns } from '../queues/registry.js';
import { CAN, OPEN_STATUSES, WITHDRAWAL_STATUSES } from './rules.js';
import { camel } from '../../http/camel.js';

/** WDR-4: a payout that has not left for the bank past its SLA date (an exported one is with the bank). */
const overdueAt = (now: Date) =>
  sql<boolean>`(withdrawals.status in (${sql.join([...CAN.reject])}) and withdrawals.sla_due_at < ${now})`;

/** The finance payout queue (WDR-4): filters and sorts, the soonest SLA first. */
export const withdrawalListSpec = (clock: Clock): ListSpec => ({
  resource: 'withdrawals',
  idColumn: 'withdrawals.id',
  defaultSort: ['slaDueAt', 'ASC'],
  sortable: {
    id: 'withdrawals.id',
    slaDueAt: 'withdrawals.sla_due_at',
    createdAt: 'withdrawals.created_at',
    amount: 'withdrawals.amount',
    status: 'withdrawals.status',
  },
  filters: {
    status: filters.oneOf('withdrawals.status', z.enum(WITHDRAWAL_STATUSES)),
    // "Open only": true keeps the payouts still to handle; false is the switch off, every payout (a status
    // filter narrows to closed ones).
    open: {
      schema: z.boolean(),
      apply: (qb, v: boolean) => (v ? qb.where('withdrawals.status', 'in', [...OPEN_STATUSES]) : qb),
    },
    userId: filters.equals('withdrawals.user_id', idValue),
    batchId: filters.equals('withdrawals.batch_id', idValue),
    source: filters.oneOf('withdrawals.source', z.enum(['available', 'held'])),
    overdue: {
      schema: z.boolean(),
      apply: (qb, v: boolean) => qb.where(sql<boolean>`${overdueAt(clock.now())} = ${v}`),
    },
    assignedTo: filters.equals('withdrawals.assigned_to', idValue),
    // The payouts matching a bank reference or a person are looked up first (trigram index, user index) and
    // the list reads them by id: as an ILIKE beside the open filter, a paid payout's reference made
    // PostgreSQL walk every open payout in SLA order looking for it (17 ms at 50,000 open).
    q: filters.find({
      ownText: { table: 'withdrawals', columns: ['bank_reference'], withUsers: true },
      users: ['withdrawals.user_id'],
      ids: ['withdrawals.id'],
    }),
  },
});

/** Payouts as finance see them: the account, both approvers, the SLA and the reasons to look twice. */
export const staffWithdrawals = (db: Executor, now: Date, warnedSince: Date) =>
  db
    .selectFrom('withdrawals')
    // A left join on a key that always exists: PostgreSQL drops it from the list's count (issue #15).
    .leftJoin('users', 'users.id', 'withdrawals.user_id')
    .leftJoin('staff as first', 'first.id', 'withdrawals.first_approved_by')
    .leftJoin('staff as approver', 'approver.id', 'withdrawals.approved_by')
    .select([
      'withdrawals.id',
      ...camel('withdrawals.user_id'),
      'users.name as userName',
      'users.email as userEmail',
      'users.status as accountStatus',
      ...camel('users.seller_level'),
      'withdrawals.amount',
      'withdrawals.source',
      'withdrawals.method',
      'withdrawals.status',
      ...camel('withdrawals.sla_due_at', 'withdrawals.created_at', 'withdrawals.first_approved_by'),
      'first.name as firstApprovedName',
      ...camel('withdrawals.first_approved_at', 'withdrawals.approved_by'),
      'approver.name as approvedName',
      ...camel(
        'withdrawals.approved_at',
        'withdrawals.batch_id',
        'withdrawals.exported_at',
        'withdrawals.bank_reference',
        'withdrawals.paid_at',
      ),
      'withdrawals.reason',
      ...camel('withdrawals.closed_at'),
      overdueAt(now).as('overdue'),
      ...queueColumns(kindOf('withdrawals')),
      // Scalar look-ups with a limit, not EXISTS: PostgreSQL may turn an EXISTS into one hash of every
      // open dispute's parties, built for each page (70-95 ms at 1M orders); these walk the payee's
      // orders by index for the 25 rows of the page only (2 ms; issue #15).
      sql<boolean>`coalesce((select true from orders o join disputes d on d.order_id = o.id
           and d.stage <> 'closed' where o.buyer_id = withdrawals.user_id limit 1), false)
           or coalesce((select true from orders o join disputes d on d.order_id = o.id
           and d.stage <> 'closed' where o.seller_id = withdrawals.user_id limit 1), false)`.as(
        'underDispute',
      ),
      sql<boolean>`exists (select 1 from warnings wa where wa.user_id = withdrawals.user_id and wa.issued_at >
         ${warnedSince})`.as('recentWarning'),
      sql<boolean>`not exists (select 1 from withdrawals w2 where w2.user_id = withdrawals.user_id and
         w2.method_fingerprint = withdrawals.method_fingerprint and w2.status = 'paid' and w2.id <>
         withdrawals.id)`.as('newMethod'),
    ])
    .$narrowType<{ userName: NotNull; userEmail: NotNull; accountStatus: NotNull; sellerLevel: NotNull }>();

/** A user's own withdrawals, newest first. */
export const myWithdrawals = (db: Executor, userId: number) =>
  db.selectFrom('withdrawals').selectAll().where('user_id', '=', userId).orderBy('id', 'desc');

/** One withdrawal of the user's (SUP-7). */
export const myWithdrawal = (db: Executor, id: number, userId: number) =>
  db
    .selectFrom('withdrawals')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();

/** A user's saved payout methods (WDR-3), the removed ones left out. */
export const myPayoutMethods = (db: Executor, userId: number) =>
  db
    .selectFrom('payout_methods')
    .selectAll()
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();

/** Exported bank batches (WDR-7) with who exported them. */
export const payoutBatches = (db: Executor) =>
  db
    .selectFrom('payout_batches')
    .innerJoin('staff', 'staff.id', 'payout_batches.created_by')
    .select([
      'payout_batches.id',
      'payout_batches.count',
      'payout_batches.total',
      ...camel('payout_batches.created_at'),
      'staff.name as createdByName',
    ]);

export const PAYOUT_BATCH_LIST: ListSpec = {
  resource: 'payout-batches',
  idColumn: 'payout_batches.id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'payout_batches.id' },
  filters: {},
};

/** Blocked users' held balances with the date they become releasable (WRN-9). */
export const heldFunds = (db: Executor, clock: Clock) =>
  db
    .selectFrom('ledger_accounts')
    .innerJoin('users', 'users.id', 'ledger_accounts.user_id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.status',
      ...camel('users.blocked_at'),
      'users.held_release_at as releasableAt',
      'ledger_accounts.balance as held',
      sql<boolean>`users.held_release_at is not null and users.held_release_at <= ${clock.now()}`.as(
        'releasable',
      ),
    ])
    .where('ledger_accounts.kind', '=', 'held')
    .where('ledger_accounts.balance', '>', 0);

export const heldFundsList = (clock: Clock): ListSpec => ({
  resource: 'held-funds',
  idColumn: 'users.id',
  defaultSort: ['releasableAt', 'ASC'],
  sortable: {
    id: 'users.id',
    releasableAt: 'users.held_release_at',
    held: 'ledger_accounts.balance',
  },
  filters: {
    releasable: {
      schema: z.boolean(),
      apply: (qb, v: boolean) => qb.where(sql<boolean>`(users.held_release_at <= ${clock.now()}) = ${v}`),
    },
    q: filters.find({ users: ['users.id'], ids: ['users.id'] }),
  },
});
