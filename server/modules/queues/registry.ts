import { sql, type RawBuilder } from 'kysely';
import type { StaffRole } from '../../../db/schema.js';

/**
 * OPS-2: every staff work queue in one table. Each kind of case says where it lives, which role works it,
 * in which states it is still waiting for staff, and when its SLA started and falls due; claim, assign,
 * unassign, "assigned to me", the SLA countdown and "next case" are written once against this table.
 */
export type QueueTable =
  | 'refund_requests'
  | 'escalations'
  | 'disputes'
  | 'seller_applications'
  | 'identity_checks'
  | 'reports'
  | 'withdrawals'
  | 'tickets'
  | 'service_reviews';

/** A queue of the console: the cases a "next case" button walks through. */
export type QueueName =
  | 'support-cases'
  | 'disputes'
  | 'seller-applications'
  | 'identity-checks'
  | 'reports'
  | 'withdrawals'
  | 'tickets'
  | 'service-reviews';

export interface QueueKind {
  /** The console resource and API path of one case (`/api/admin/<resource>/:id`). */
  resource: string;
  table: QueueTable;
  queue: QueueName;
  /** The role that works it; tickets name their queue's role per ticket. */
  role: StaffRole | 'ticket-queue';
  noun: string;
  /** Audit action prefix: `<audit>.claim`, `.assign`, `.unassign`. */
  audit: string;
  tag: string;
  statusColumn: 'status' | 'stage';
  /** States in which a case can be claimed and counts against its SLA. */
  open: readonly string[];
  /** States "next case" offers: waiting for a decision by staff. */
  waiting: readonly string[];
  /** SQL for when the SLA started and falls due, on the table's own columns. */
  startedAt: RawBuilder<Date | null>;
  dueAt: RawBuilder<Date | null>;
}

const col = (table: QueueTable, column: string) => sql<Date | null>`${sql.ref(`${table}.${column}`)}`;

// SUP-3: a ticket waiting for its requester has its resolution SLA stopped (as the tickets list says).
const TICKET_RESOLUTION = sql<Date | null>`case when tickets.sla_paused_at is null
  or tickets.resolution_due_at < tickets.sla_paused_at then tickets.resolution_due_at end`;
const TICKET_DUE = sql<Date | null>`case when tickets.first_responded_at is null
  then least(tickets.first_response_due_at, ${TICKET_RESOLUTION}) else ${TICKET_RESOLUTION} end`;

export const QUEUE_KINDS: readonly QueueKind[] = [
  {
    resource: 'refund-requests',
    table: 'refund_requests',
    queue: 'support-cases',
    role: 'support',
    noun: 'refund request',
    audit: 'refund',
    tag: 'Refunds',
    statusColumn: 'status',
    open: ['open'],
    waiting: ['open'],
    startedAt: col('refund_requests', 'created_at'),
    dueAt: col('refund_requests', 'sla_due_at'),
  },
  {
    resource: 'escalations',
    table: 'escalations',
    queue: 'support-cases',
    role: 'support',
    noun: 'escalation',
    audit: 'escalation',
    tag: 'Escalations',
    statusColumn: 'status',
    open: ['open'],
    waiting: ['open'],
    startedAt: col('escalations', 'created_at'),
    dueAt: col('escalations', 'sla_due_at'),
  },
  {
    resource: 'disputes',
    table: 'disputes',
    queue: 'disputes',
    role: 'support',
    noun: 'dispute',
    audit: 'dispute',
    tag: 'Disputes',
    statusColumn: 'stage',
    open: [
      'negotiation',
      'awaiting_default_approval',
      'final_offer',
      'awaiting_final_approval',
      'arbitration',
    ],
    // DSP-4, DSP-8, DSP-9: the stages in which the dispute waits for staff (its SLA runs only then).
    waiting: ['awaiting_default_approval', 'awaiting_final_approval', 'arbitration'],
    startedAt: col('disputes', 'sla_started_at'),
    dueAt: col('disputes', 'sla_due_at'),
  },
  {
    resource: 'seller-applications',
    table: 'seller_applications',
    queue: 'seller-applications',
    role: 'trust_safety',
    noun: 'seller application',
    audit: 'seller-application',
    tag: 'Seller applications',
    statusColumn: 'status',
    open: ['submitted'],
    waiting: ['submitted'],
    startedAt: col('seller_applications', 'submitted_at'),
    dueAt: col('seller_applications', 'sla_due_at'),
  },
  {
    resource: 'identity-checks',
    table: 'identity_checks',
    queue: 'identity-checks',
    role: 'trust_safety',
    noun: 'identity check',
    audit: 'identity-check',
    tag: 'Identity checks',
    statusColumn: 'status',
    open: ['submitted'],
    waiting: ['submitted'],
    startedAt: col('identity_checks', 'submitted_at'),
    dueAt: col('identity_checks', 'sla_due_at'),
  },
  {
    resource: 'reports',
    table: 'reports',
    queue: 'reports',
    role: 'trust_safety',
    noun: 'report',
    audit: 'report',
    tag: 'Reports',
    statusColumn: 'status',
    open: ['open'],
    waiting: ['open'],
    startedAt: col('reports', 'created_at'),
    dueAt: col('reports', 'sla_due_at'),
  },
  {
    resource: 'service-reviews',
    table: 'service_reviews',
    queue: 'service-reviews',
    role: 'trust_safety',
    noun: 'service review',
    audit: 'service-review',
    tag: 'Service reviews',
    statusColumn: 'status',
    open: ['open'],
    waiting: ['open'],
    startedAt: col('service_reviews', 'created_at'),
    dueAt: col('service_reviews', 'sla_due_at'),
  },
  {
    resource: 'withdrawals',
    table: 'withdrawals',
    queue: 'withdrawals',
    role: 'finance',
    noun: 'withdrawal',
    audit: 'withdrawal',
    tag: 'Withdrawals',
    statusColumn: 'status',
    // WDR-4: until it leaves for the bank; an exported payout is the bank's to pay.
    open: ['pending', 'awaiting_second_approval', 'approved'],
    waiting: ['pending', 'awaiting_second_approval'],
    startedAt: col('withdrawals', 'created_at'),
    dueAt: col('withdrawals', 'sla_due_at'),
  },
  {
    resource: 'tickets',
    table: 'tickets',
    queue: 'tickets',
    role: 'ticket-queue',
    noun: 'ticket',
    audit: 'ticket',
    tag: 'Tickets',
    statusColumn: 'status',
    open: ['new', 'open', 'pending', 'on_hold'],
    // Pending and on hold wait for the requester or a third party, not for the agent.
    waiting: ['new', 'open'],
    startedAt: col('tickets', 'created_at'),
    dueAt: TICKET_DUE,
  },
];

export const queueKind = (resource: string): QueueKind | undefined =>
  QUEUE_KINDS.find((k) => k.resource === resource);

export const kindOf = (resource: string): QueueKind => {
  const k = queueKind(resource);
  if (!k) throw new Error(`no queue ${resource}`);
  return k;
};

/** SQL: the case is still open (claimable, its SLA running). */
export const isOpen = (k: QueueKind) =>
  sql<boolean>`${sql.ref(`${k.table}.${k.statusColumn}`)} in (${sql.join(k.open.map((s) => sql.lit(s)))})`;

/**
 * The columns every queue list and case adds to its rows: who holds it, and the SLA's start, due time and
 * whether it is running (the countdown is computed from these in {@link withSla}).
 */
export const queueColumns = (k: QueueKind) => [
  sql<number | null>`${sql.ref(`${k.table}.assigned_to`)}`.as('assignedTo'),
  sql<string | null>`(select s.name from staff s where s.id = ${sql.ref(`${k.table}.assigned_to`)})`.as(
    'assignedName',
  ),
  k.startedAt.as('slaStartedAt'),
  sql<boolean>`${isOpen(k)} and ${k.dueAt} is not null`.as('slaRunning'),
];
