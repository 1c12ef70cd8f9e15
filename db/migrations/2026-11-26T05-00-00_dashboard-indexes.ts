import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #16 item 7: the role dashboards count each queue's inflow and finished items per day over the
// last 30 days; each grouped count reads a range of one of these indexes instead of the whole table.

const INDEXES = [
  `create index refund_requests_created on refund_requests (created_at)`,
  `create index refund_requests_decided on refund_requests (decided_at) where decided_at is not null`,
  `create index escalations_decided on escalations (decided_at) where decided_at is not null`,
  `create index disputes_created on disputes (created_at)`,
  `create index disputes_closed on disputes (closed_at) where closed_at is not null`,
  `create index seller_applications_submitted on seller_applications (submitted_at)`,
  `create index seller_applications_decided on seller_applications (decided_at) where decided_at is not null`,
  `create index identity_checks_submitted on identity_checks (submitted_at)`,
  `create index identity_checks_decided on identity_checks (decided_at) where decided_at is not null`,
  `create index reports_created on reports (created_at)`,
  `create index reports_decided on reports (decided_at) where decided_at is not null`,
  `create index service_reviews_created on service_reviews (created_at)`,
  `create index service_reviews_decided on service_reviews (decided_at) where decided_at is not null`,
  `create index content_flags_created on content_flags (created_at)`,
  `create index content_flags_decided on content_flags (decided_at) where decided_at is not null`,
  `create index withdrawals_paid on withdrawals (paid_at) where paid_at is not null`,
  `create index withdrawals_closed on withdrawals (closed_at) where closed_at is not null`,
  `create index tickets_created on tickets (created_at)`,
  `create index tickets_first_responded on tickets (first_responded_at) where first_responded_at is not null`,
  `create index tickets_solved on tickets (solved_at) where solved_at is not null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of INDEXES) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [...INDEXES].reverse()) {
    const drop = /^create index (\w+)/.exec(statement);
    if (drop) await sql.raw(`drop index if exists ${drop[1]}`).execute(db);
  }
}
