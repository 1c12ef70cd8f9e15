import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #15: the admin lists at marketplace volume (1M orders, 200k users, 100k open queue items, 5M
// postings). Every sort the console offers walks an index in its order; every search by a person's name,
// username or email, an order's title, a bank or charge reference, a ledger memo or an audit reason is a
// trigram index scan (pg_trgm ships with PostgreSQL's contrib and with PGlite).

const INDEXES = [
  // People: search by name, username, email; the users list's sorts.
  `create index users_name_trgm on users using gin (name gin_trgm_ops)`,
  `create index users_email_trgm on users using gin (email gin_trgm_ops)`,
  `create index users_username_trgm on users using gin (username gin_trgm_ops)`,
  `create index users_name on users (name, id)`,
  `create index users_email on users (email, id)`,
  `create index users_created on users (created_at, id)`,
  `create index users_status on users (status, id)`,
  `create index users_suspended on users (suspended_until, id) where suspended_until is not null`,
  // Orders: title search and every sort.
  `create index orders_title_trgm on orders using gin (title gin_trgm_ops)`,
  `create index orders_created on orders (created_at, id)`,
  `create index orders_total on orders (total, id)`,
  `create index orders_due on orders (due_at, id)`,
  `drop index orders_status`,
  `create index orders_status on orders (status, id)`,
  // Refund requests: the open queue in each order it sorts by; found by order and message.
  `create index refund_requests_queue_created on refund_requests (status, created_at, id)`,
  `create index refund_requests_queue_amount on refund_requests (status, amount_requested, id)`,
  `create index refund_requests_status_id on refund_requests (status, id)`,
  `create index refund_requests_order on refund_requests (order_id)`,
  `create index refund_requests_message_trgm on refund_requests using gin (message gin_trgm_ops)`,
  `create index refund_requests_charge_trgm on refund_requests using gin (charge_reference gin_trgm_ops)`,
  // Escalations and disputes: found by their order and the people in it.
  `create index escalations_order on escalations (order_id)`,
  `create index escalations_queue_created on escalations (status, created_at, id)`,
  `create index escalations_party on escalations (escalated_by)`,
  `create index disputes_open_order on disputes (order_id) where stage <> 'closed'`,
  // Withdrawals: the open queue (four statuses) in SLA order, as one partial index; every other sort.
  `create index withdrawals_open_sla on withdrawals (sla_due_at, id)
     where status in ('pending', 'awaiting_second_approval', 'approved', 'exported')`,
  `create index withdrawals_open_created on withdrawals (created_at, id)
     where status in ('pending', 'awaiting_second_approval', 'approved', 'exported')`,
  `create index withdrawals_open_amount on withdrawals (amount, id)
     where status in ('pending', 'awaiting_second_approval', 'approved', 'exported')`,
  `create index withdrawals_open_status on withdrawals (status, id)
     where status in ('pending', 'awaiting_second_approval', 'approved', 'exported')`,
  `create index withdrawals_created on withdrawals (created_at, id)`,
  `create index withdrawals_amount on withdrawals (amount, id)`,
  `create index withdrawals_status_id on withdrawals (status, id)`,
  `create index withdrawals_bank_reference_trgm on withdrawals using gin (bank_reference gin_trgm_ops)`,
  `create index withdrawals_paid_method on withdrawals (user_id, method_fingerprint) where status = 'paid'`,
  // The ledger: entries by time and kind, searched by memo and reference; accounts by kind.
  `create index journal_entries_at on journal_entries (at, id)`,
  `create index journal_entries_kind on journal_entries (kind, id)`,
  `create index journal_entries_user on journal_entries (user_id, id)`,
  `create index journal_entries_memo_trgm on journal_entries using gin (memo gin_trgm_ops)`,
  `create index journal_entries_reference_trgm on journal_entries using gin (reference gin_trgm_ops)`,
  `create index ledger_accounts_kind on ledger_accounts (kind, id)`,
  `create index ledger_accounts_balance on ledger_accounts (balance, id)`,
  `create index ledger_accounts_code_trgm on ledger_accounts using gin (code gin_trgm_ops)`,
  // The audit log (already indexed by time, subject and actor): by action; searched by action, reason and subject type.
  `create index audit_log_action on audit_log (action, id)`,
  `create index audit_log_action_trgm on audit_log using gin (action gin_trgm_ops)`,
  `create index audit_log_reason_trgm on audit_log using gin (reason gin_trgm_ops)`,
  `create index audit_log_subject_type_trgm on audit_log using gin (subject_type gin_trgm_ops)`,
  // The outbox list: by recipient and status.
  `create index outbox_recipient_trgm on outbox using gin (recipient gin_trgm_ops)`,
  `create index outbox_status_id on outbox (status, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  for (const statement of INDEXES) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [...INDEXES].reverse()) {
    const drop = /^create index (\w+)/.exec(statement);
    if (drop) await sql.raw(`drop index if exists ${drop[1]}`).execute(db);
  }
  await sql`create index if not exists orders_status on orders (status)`.execute(db);
}
