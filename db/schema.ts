import type {
  ColumnType,
  Generated,
  GeneratedAlways,
  Insertable,
  Kysely,
  Selectable,
  Transaction,
} from 'kysely';

/** A timestamp column: read as Date, written as Date. */
type Timestamp = ColumnType<Date, Date, Date>;
type Json = ColumnType<unknown, string, string>;
/** A JSON column with a database default. */
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;

export type StaffRole = 'support' | 'trust_safety' | 'finance' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['support', 'trust_safety', 'finance', 'admin'];

export type UserStatus = 'pending_activation' | 'active' | 'suspended' | 'blocked' | 'deactivated';

export interface StaffTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  email: string;
  username: string;
  password_hash: string;
  status: UserStatus;
  suspended_until: Timestamp | null;
  created_at: Timestamp;
  activated_at: Timestamp | null;
  is_seller: Generated<boolean>;
  seller_level: Generated<SellerLevel>;
  bio: Generated<string>;
  country: Generated<string | null>;
  phone: Generated<string | null>;
  phone_verified_at: Generated<Date | null>;
  deactivated_at: Generated<Date | null>;
  deactivation_reason: Generated<string | null>;
  deactivation_note: Generated<string | null>;
  blocked_at: Generated<Date | null>;
  held_release_at: Generated<Date | null>;
  identity_verified_at: Generated<Date | null>;
  /** The language the user reads mail in. */
  locale: Generated<'id' | 'en'>;
  /** IANA zone for the times in the user's mail; the marketplace zone when null. */
  timezone: Generated<string | null>;
}

export type SellerLevel = 'new' | 'level_1' | 'level_2' | 'top_rated';

export interface UserTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  ip: Generated<string | null>;
  user_agent: Generated<string | null>;
  end_link_hash: Generated<string | null>;
}

export interface StaffSessionsTable {
  id: GeneratedAlways<number>;
  sid: string;
  sess: Json;
  expires_at: Timestamp;
  staff_id: Generated<number | null>;
  created_at: Generated<Date | null>;
  last_seen_at: Generated<Date | null>;
  ip: Generated<string | null>;
  user_agent: Generated<string | null>;
}

/** Single-use links by email: password reset (ACC-8, staff too) and email change (ACC-9). */
export interface AccountTokensTable {
  id: Generated<number>;
  user_id: number | null;
  staff_id: number | null;
  purpose: 'password_reset' | 'email_change';
  token_hash: string;
  data: JsonWithDefault;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  superseded_at: Timestamp | null;
}

/** Six-digit codes sent by SMS (ACC-10). */
export interface PhoneCodesTable {
  id: Generated<number>;
  user_id: number;
  purpose: 'verify_phone' | 'email_change';
  phone: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  used_at: Timestamp | null;
  superseded_at: Timestamp | null;
}

/** ACC-2: an address an account moved away from stays its owner's for ever. */
export interface RetiredEmailsTable {
  email: string;
  user_id: number;
  retired_at: Timestamp;
}

export interface SignInsTable {
  id: Generated<number>;
  user_id: number;
  at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  success: boolean;
  failure: string | null;
}

/** OPS-7: the TOTP secret of a staff member; confirmed once a first code was right. */
export interface StaffSecondFactorsTable {
  staff_id: number;
  secret: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  /** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
  last_time_step: number | null;
}

export interface StaffRecoveryCodesTable {
  id: Generated<number>;
  staff_id: number;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface RateLimitHitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_type: 'staff' | 'user' | 'system';
  actor_id: number | null;
  actor_role: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  reason: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface SettingChangesTable {
  id: Generated<number>;
  key: string;
  value: Json;
  effective_from: Timestamp;
  changed_by: number | null;
  reason: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  payload: JsonWithDefault;
  created_at: Timestamp;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
}

export type JobStatus = 'pending' | 'done' | 'failed';
export interface ScheduledJobsTable {
  id: Generated<number>;
  kind: string;
  run_at: Timestamp;
  payload: JsonWithDefault;
  dedupe_key: string | null;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
  /** When the last attempt failed and the job stopped (status `failed`). */
  failed_at: Generated<Timestamp | null>;
}

export interface ActivationTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  superseded_at: Generated<Date | null>;
}

export type ApplicationStatus = 'submitted' | 'changes_requested' | 'approved' | 'rejected';
export interface SellerApplicationsTable {
  id: Generated<number>;
  user_id: number;
  status: ApplicationStatus;
  skills: Json;
  experience: string;
  education: string;
  portfolio: Json;
  about: Generated<string>;
  submitted_at: Timestamp;
  sla_due_at: Timestamp;
  assigned_to: Generated<number | null>;
  assigned_at: Generated<Date | null>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServicesTable {
  id: Generated<number>;
  seller_id: number;
  title: string;
  description: string;
  category: string;
  price: number;
  delivery_days: number;
  revisions: number;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
  /** CAT-1: the review state (services/machine.ts); `moderation` says whether it shows while in review. */
  status: Generated<ServiceStatus>;
  moderation: Generated<Moderation>;
  rejection_code: Generated<string | null>;
  rejection_reason: Generated<string | null>;
  reviewed_at: Generated<Date | null>;
}

export type ServiceStatus = 'in_review' | 'approved' | 'rejected';
/** CAT-1: `pre`: hidden until approved; `post`: visible at once, reviewed afterwards. */
export type Moderation = 'pre' | 'post';

export interface ServiceSnapshot {
  title: string;
  description: string;
  category: string;
  price: number;
}

export interface ServiceReviewsTable {
  id: Generated<number>;
  service_id: number;
  seller_id: number;
  kind: 'new' | 'edit';
  moderation: Moderation;
  snapshot: ColumnType<ServiceSnapshot, string, string>;
  changed: ColumnType<string[], string | undefined, string>;
  flags: Generated<number>;
  status: 'open' | 'approved' | 'rejected';
  sla_due_at: Timestamp;
  assigned_to: number | null;
  assigned_at: Timestamp | null;
  reason_code: string | null;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** CAT-3: one contact detail found in a text: what kind, where (UTF-16 offsets, end exclusive), what. */
export interface ContactMatch {
  kind: 'phone' | 'email' | 'messaging_link' | 'off_platform';
  start: number;
  end: number;
  text: string;
}

export interface ContentFlagsTable {
  id: Generated<number>;
  subject_type: 'service' | 'proposal' | 'message';
  subject_id: number;
  user_id: number;
  order_id: number | null;
  service_review_id: number | null;
  field: string;
  text: string;
  matches: ColumnType<ContactMatch[], string, string>;
  status: 'open' | 'dismissed' | 'warned';
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface BillingInfo {
  company: string;
  fullName: string;
  address: string;
  country: string;
  taxId: string;
  /** The account's email, for the invoice's addressee line. */
  email: string;
}

export interface BillingProfilesTable {
  user_id: number;
  company: string;
  full_name: string;
  address: string;
  country: string;
  tax_id: string;
  updated_at: Timestamp;
}

export interface InvoiceCountersTable {
  series: string;
  year: number;
  last: number;
}

export type InvoiceKind = 'invoice' | 'credit_note';
/** The company that issues the invoices (INV-2 "Pasar's details"), from configuration. */
export interface InvoiceIssuer {
  name: string;
  address: string[];
  npwp: string;
  email: string | null;
}
export interface InvoicesTable {
  id: Generated<number>;
  kind: InvoiceKind;
  series: string;
  year: number;
  seq: number;
  number: string;
  user_id: number;
  order_id: number | null;
  milestone_id: number | null;
  payment_reference: string;
  payment_source: string;
  description: string;
  subtotal: number;
  tax_bp: number;
  tax_amount: number;
  total: number;
  billing: ColumnType<BillingInfo, string, string>;
  /** The issuer's details when it was issued; null on invoices issued before they were kept. */
  issuer: ColumnType<InvoiceIssuer | null, string | null, string | null>;
  status: 'issued' | 'cancelled';
  credited_invoice_id: number | null;
  replaces_invoice_id: number | null;
  cancelled_by_invoice_id: number | null;
  reason: string | null;
  issued_at: Timestamp;
  cancelled_at: Timestamp | null;
}

export interface ProjectsTable {
  id: Generated<number>;
  buyer_id: number;
  title: string;
  description: string;
  category: string;
  budget: number | null;
  status: 'open' | 'awarded' | 'closed';
  created_at: Timestamp;
}

export interface ProposalMilestone {
  title: string;
  amount: number;
  days: number;
}
export interface ProposalsTable {
  id: Generated<number>;
  project_id: number;
  seller_id: number;
  message: string;
  milestones: ColumnType<ProposalMilestone[], string, string>;
  price: number;
  delivery_days: number;
  revisions: Generated<number>;
  status: 'pending' | 'accepted' | 'declined';
  created_at: Timestamp;
}

export type OrderStatus = 'awaiting_payment' | 'in_progress' | 'delivered' | 'completed' | 'cancelled';
export interface OrdersTable {
  id: Generated<number>;
  buyer_id: number;
  seller_id: number;
  service_id: number | null;
  proposal_id: number | null;
  title: string;
  status: OrderStatus;
  total: number;
  revisions_included: number;
  revisions_used: Generated<number>;
  commission_bp: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  due_at: Timestamp | null;
  delivered_at: Timestamp | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancellation_fault: string | null;
}

export type MilestoneStatus = 'unpaid' | 'in_escrow' | 'delivered' | 'released' | 'refunded';
export interface MilestonesTable {
  id: Generated<number>;
  order_id: number;
  seq: number;
  title: string;
  amount: number;
  days: number;
  status: MilestoneStatus;
  due_at: Timestamp | null;
  paid_at: Timestamp | null;
  released_at: Timestamp | null;
}

export interface DeliveriesTable {
  id: Generated<number>;
  order_id: number;
  milestone_id: number;
  message: string;
  files: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
}

export interface OrderMessagesTable {
  id: Generated<number>;
  order_id: number;
  sender_id: number;
  body: string;
  created_at: Timestamp;
}

export interface OrderEventsTable {
  id: Generated<number>;
  order_id: number;
  at: Timestamp;
  actor_type: 'buyer' | 'seller' | 'staff' | 'system';
  actor_id: number | null;
  event: string;
  from_status: string | null;
  to_status: string | null;
  data: JsonWithDefault;
}

export interface UserBlocksTable {
  seller_id: number;
  buyer_id: number;
  reason: string;
  created_at: Timestamp;
}

export type AccountKind =
  | 'credit'
  | 'pending'
  | 'available'
  | 'withdrawing'
  | 'held'
  | 'gateway'
  | 'escrow'
  | 'revenue'
  | 'fees_payment'
  | 'arbitration_fees'
  | 'provider_refunds';
export interface LedgerAccountsTable {
  id: Generated<number>;
  code: string;
  kind: AccountKind;
  user_id: number | null;
  milestone_id: number | null;
  balance: Generated<number>;
  may_go_negative: Generated<boolean>;
  created_at: Timestamp;
}

export interface JournalEntriesTable {
  id: Generated<number>;
  kind: string;
  reference: string | null;
  memo: string;
  /** The memo's translation key and parameters (the console's language); null on older entries. */
  memo_key: string | null;
  memo_params: Json | null;
  at: Timestamp;
  order_id: number | null;
  milestone_id: number | null;
  user_id: number | null;
  staff_id: number | null;
  reverses_entry_id: number | null;
}

export interface PostingsTable {
  id: Generated<number>;
  entry_id: number;
  account_id: number;
  amount: number;
}

/** Platform postings not yet rolled up into `ledger_accounts.balance` (written by a trigger on postings). */
export interface PlatformBalanceDeltasTable {
  account_id: number;
  amount: number;
}

export interface GatewayTransactionsTable {
  id: Generated<number>;
  reference: string;
  kind: 'charge' | 'refund' | 'payout';
  amount: number;
  fee: Generated<number>;
  status: 'succeeded' | 'failed' | 'pending' | 'expired';
  failure: string | null;
  created_at: Timestamp;
  /** `sandbox` or `midtrans`. */
  provider: Generated<string>;
  /** The provider's order id (Midtrans `order_id`): one per attempt. */
  provider_order_id: Generated<string | null>;
  provider_transaction_id: Generated<string | null>;
  /** Bank transfer: the virtual account the buyer pays into, and until when. */
  va_bank: Generated<string | null>;
  va_number: Generated<string | null>;
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** What a pending charge pays once settled (`{type: 'milestone', orderId, milestoneId, buyerId}`). */
  purpose: JsonWithDefault;
}

/** MNY-4: a charge asked of the provider, noted and committed before the request (gateway_attempts). */
export interface GatewayAttemptsTable {
  provider_order_id: string;
  provider: string;
  reference: string;
  kind: 'card' | 'virtual_account';
  amount: number;
  created_at: Timestamp;
}

export interface GatewayNotificationsTable {
  id: Generated<number>;
  provider: string;
  transaction_id: string;
  transaction_status: string;
  order_id: string;
  gross_amount: string;
  body: JsonWithDefault;
  /** What applying it did (`applied: settlement`, `ignored: …`). */
  outcome: string;
  received_at: Timestamp;
}

export interface PaymentReconciliationsTable {
  id: Generated<number>;
  provider: string;
  ran_at: Timestamp;
  checked: number;
  differences: JsonWithDefault;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  /** The first answer's JSON text. */
  response: string;
  created_at: Timestamp;
}

export interface ReviewsTable {
  id: Generated<number>;
  order_id: number;
  author_id: number;
  subject_id: number;
  author_role: 'buyer' | 'seller';
  communication: number;
  as_described: number;
  recommend: number;
  text: Generated<string>;
  created_at: Timestamp;
  removed_at: Timestamp | null;
  removed_reason: string | null;
}

export interface TipsTable {
  id: Generated<number>;
  order_id: number;
  buyer_id: number;
  seller_id: number;
  amount: number;
  entry_id: number;
  created_at: Timestamp;
}

export type ResolutionKind = 'cancel' | 'update' | 'extend_delivery' | 'extras' | 'extra_revisions';
export type ResolutionStatus =
  'open' | 'accepted' | 'declined' | 'withdrawn' | 'expired' | 'answered' | 'escalated' | 'resolved';
export interface ResolutionRequestsTable {
  id: Generated<number>;
  order_id: number;
  kind: ResolutionKind;
  requester_id: number;
  requester_role: 'buyer' | 'seller';
  reason: string;
  message: string;
  days: number | null;
  price: number | null;
  revisions: number | null;
  status: ResolutionStatus;
  order_status_before: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  answered_at: Timestamp | null;
  answered_by: number | null;
  answer: string | null;
}

export type EscalationOutcome = 'cancel_full' | 'cancel_partial' | 'continue';
export interface EscalationsTable {
  id: Generated<number>;
  resolution_request_id: number;
  order_id: number;
  escalated_by: number;
  statement: string;
  status: 'open' | 'decided';
  sla_due_at: Timestamp;
  assigned_to: number | null;
  assigned_at: Timestamp | null;
  outcome: EscalationOutcome | null;
  buyer_credit: number | null;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export type RefundKind = 'order' | 'credit_to_source' | 'duplicate_charge';
export type RefundStatus = 'open' | 'approved' | 'partially_approved' | 'rejected';
export interface RefundRequestsTable {
  id: Generated<number>;
  kind: RefundKind;
  buyer_id: number;
  order_id: number | null;
  destination: 'credit' | 'source';
  reason: string;
  message: string;
  amount_requested: number;
  charge_reference: string | null;
  status: RefundStatus;
  sla_due_at: Timestamp;
  assigned_to: number | null;
  assigned_at: Timestamp | null;
  approved_amount: number | null;
  fee_payment: number | null;
  fee_marketplace: number | null;
  paid_out: number | null;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  /** The support ticket it was opened from (SUP-1), if any. */
  ticket_id: Generated<number | null>;
}

export interface EvidenceFilesTable {
  id: Generated<number>;
  refund_request_id: number | null;
  order_id: number | null;
  uploaded_by: number;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: Timestamp;
  dispute_id: Generated<number | null>;
}

export type DisputeStage =
  | 'negotiation'
  | 'awaiting_default_approval'
  | 'final_offer'
  | 'awaiting_final_approval'
  | 'arbitration'
  | 'closed';
export interface DisputesTable {
  id: Generated<number>;
  order_id: number;
  milestone_id: number;
  opened_by: number;
  opener_role: 'buyer' | 'seller';
  reason: string;
  escrow_amount: number;
  opener_amount: number;
  stage: DisputeStage;
  outcome: 'settled' | 'default_award' | 'final_offer_award' | 'arbitrated' | null;
  respond_by: Timestamp;
  responded_at: Timestamp | null;
  arbitration_requested_by: number | null;
  arbitration_requested_at: Timestamp | null;
  fee_amount: number | null;
  fee_due_at: Timestamp | null;
  buyer_fee_paid: Generated<boolean>;
  seller_fee_paid: Generated<boolean>;
  seller_amount: number | null;
  buyer_percent: number | null;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  sla_due_at: Timestamp | null;
  assigned_to: number | null;
  assigned_at: Generated<Date | null>;
  /** When its current staff SLA (`sla_due_at`) started. */
  sla_started_at: Generated<Date | null>;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  /** Computed from the stage (0: approvals, 1: arbitration, 2: final offer, 3: negotiation, 4: closed). */
  priority: GeneratedAlways<number>;
}

export interface DisputeOffersTable {
  id: Generated<number>;
  dispute_id: number;
  by_user: number;
  by_role: 'buyer' | 'seller';
  seller_amount: number;
  status: 'open' | 'accepted' | 'superseded';
  created_at: Timestamp;
}

export interface DisputeStatementsTable {
  id: Generated<number>;
  dispute_id: number;
  author_id: number;
  author_role: 'buyer' | 'seller';
  text: string;
  created_at: Timestamp;
}

export type WarningType =
  | 'abusive_language'
  | 'spam'
  | 'misleading_profile'
  | 'sharing_contact_info'
  | 'feedback_manipulation'
  | 'misrepresenting_service'
  | 'other';
export type WarningConsequence = 'reminder' | 'suspension' | 'demotion' | 'block';
export interface WarningsTable {
  id: Generated<number>;
  user_id: number;
  type: WarningType;
  severe: boolean;
  reason: string;
  consequence: WarningConsequence;
  level_before: string | null;
  level_after: string | null;
  suspended_until: Timestamp | null;
  issued_by: number;
  issued_at: Timestamp;
  evidence: Generated<string>;
}

export interface ReportsTable {
  id: Generated<number>;
  reporter_id: number;
  subject_type: 'service' | 'user' | 'message';
  subject_id: number;
  subject_user_id: number;
  reason: string;
  answers: Json;
  details: Generated<string>;
  status: 'open' | 'dismissed' | 'actioned';
  action: 'dismiss' | 'warn' | 'remove_service' | 'block' | null;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  sla_due_at: Timestamp;
  assigned_to: Generated<number | null>;
  assigned_at: Generated<Date | null>;
  created_at: Timestamp;
}

export type WithdrawalStatus =
  'pending' | 'awaiting_second_approval' | 'approved' | 'exported' | 'paid' | 'rejected' | 'failed';

export interface PayoutMethodsTable {
  id: Generated<number>;
  user_id: number;
  type: 'bank_transfer' | 'ewallet';
  bank: string | null;
  account_number: string | null;
  holder_name: string | null;
  provider: string | null;
  account_id: string | null;
  fingerprint: string;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface PayoutBatchesTable {
  id: Generated<number>;
  created_by: number;
  created_at: Timestamp;
  count: number;
  total: number;
  csv: string;
}

export interface WithdrawalsTable {
  id: Generated<number>;
  user_id: number;
  source: 'available' | 'held';
  amount: number;
  method: Json;
  method_fingerprint: string;
  payout_method_id: number | null;
  status: WithdrawalStatus;
  sla_due_at: Timestamp;
  assigned_to: Generated<number | null>;
  assigned_at: Generated<Date | null>;
  first_approved_by: number | null;
  first_approved_at: Timestamp | null;
  approved_by: number | null;
  approved_at: Timestamp | null;
  batch_id: number | null;
  exported_at: Timestamp | null;
  bank_reference: string | null;
  paid_by: number | null;
  paid_at: Timestamp | null;
  reason: string | null;
  closed_by: number | null;
  closed_at: Timestamp | null;
  requested_by_staff: number | null;
  created_at: Timestamp;
}

export interface ReconciliationRunsTable {
  id: Generated<number>;
  ran_at: Timestamp;
  ok: boolean;
  postings_sum: number;
  entries: number;
  negative_accounts: number;
  drifting_accounts: number;
  withdrawing_balance: number;
  withdrawals_open: number;
  held_balance: number;
  details: Json;
}

export interface IdentityChecksTable {
  id: Generated<number>;
  user_id: number;
  status: 'submitted' | 'approved' | 'rejected';
  sla_due_at: Timestamp;
  assigned_to: Generated<number | null>;
  assigned_at: Generated<Date | null>;
  submitted_at: Timestamp;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
}

export type DocumentPurpose = 'portfolio' | 'id_photo' | 'selfie' | 'warning_evidence';

export interface UserDocumentsTable {
  id: Generated<number>;
  user_id: number;
  purpose: DocumentPurpose;
  seller_application_id: number | null;
  identity_check_id: number | null;
  warning_id: number | null;
  uploaded_by_staff: number | null;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: Timestamp;
}

export const TICKET_TOPICS = [
  'account_access',
  'activation_email',
  'payment_problem',
  'duplicate_charge',
  'refund_to_source',
  'completed_order_problem',
  'withdrawal_returned',
  'blocked_account_funds',
  'verification',
  'report_user',
  'other',
] as const;
export type TicketTopic = (typeof TICKET_TOPICS)[number];
export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type TicketQueue = 'support' | 'trust_safety' | 'finance';

export interface TicketsTable {
  id: Generated<number>;
  requester_id: number;
  topic: TicketTopic;
  subject: string;
  status: TicketStatus;
  queue: TicketQueue;
  channel: 'api' | 'email';
  order_id: number | null;
  withdrawal_id: number | null;
  dispute_id: number | null;
  follow_up_of: number | null;
  merged_into: number | null;
  tags: JsonWithDefault;
  assigned_to: number | null;
  assigned_at: Timestamp | null;
  first_response_due_at: Timestamp;
  resolution_due_at: Timestamp;
  first_responded_at: Timestamp | null;
  pending_since: Timestamp | null;
  /** SUP-3: when the resolution SLA stopped (pending or on hold); null while it runs. */
  sla_paused_at: Timestamp | null;
  solved_at: Timestamp | null;
  solved_by: number | null;
  closed_at: Timestamp | null;
  last_activity_at: Timestamp;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  created_at: Timestamp;
}

export interface TicketMessagesTable {
  id: Generated<number>;
  ticket_id: number;
  author_type: 'user' | 'staff' | 'system';
  author_id: number | null;
  internal: Generated<boolean>;
  body: string;
  via: Generated<'api' | 'email' | 'console'>;
  macro_id: number | null;
  created_at: Timestamp;
}

export interface TicketAttachmentsTable {
  id: Generated<number>;
  ticket_id: number;
  message_id: number | null;
  uploaded_by: number;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: Timestamp;
}

export interface TicketMacrosTable {
  id: Generated<number>;
  name: string;
  body_en: string;
  body_id: string;
  set_status: 'open' | 'pending' | 'on_hold' | 'solved' | null;
  add_tag: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupportContactsTable {
  id: Generated<number>;
  user_id: number;
  topic: TicketTopic;
  message: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  confirmed_at: Timestamp | null;
  ticket_id: number | null;
}

export interface TicketReplyTokensTable {
  id: Generated<number>;
  ticket_id: number;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** SUP-7: what the outbox emails a user, also shown in the product. */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  subject: string;
  body: string;
  payload: JsonWithDefault;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** OPS-6: a reason text staff insert into a decision and edit before sending, per action and language. */
export interface ReasonTemplatesTable {
  id: Generated<number>;
  action: string;
  name: string;
  body_en: string;
  body_id: string;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An internal note on a case: staff only, never in a public answer, audited. */
export interface CaseNotesTable {
  id: Generated<number>;
  case_kind: string;
  case_id: number;
  author_id: number;
  body: string;
  created_at: Timestamp;
}

export interface Database {
  reason_templates: ReasonTemplatesTable;
  case_notes: CaseNotesTable;
  service_reviews: ServiceReviewsTable;
  content_flags: ContentFlagsTable;
  billing_profiles: BillingProfilesTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_macros: TicketMacrosTable;
  support_contacts: SupportContactsTable;
  ticket_reply_tokens: TicketReplyTokensTable;
  notifications: NotificationsTable;
  identity_checks: IdentityChecksTable;
  user_documents: UserDocumentsTable;
  payout_methods: PayoutMethodsTable;
  payout_batches: PayoutBatchesTable;
  withdrawals: WithdrawalsTable;
  reconciliation_runs: ReconciliationRunsTable;
  reports: ReportsTable;
  warnings: WarningsTable;
  disputes: DisputesTable;
  dispute_offers: DisputeOffersTable;
  dispute_statements: DisputeStatementsTable;
  refund_requests: RefundRequestsTable;
  evidence_files: EvidenceFilesTable;
  resolution_requests: ResolutionRequestsTable;
  escalations: EscalationsTable;
  activation_tokens: ActivationTokensTable;
  seller_applications: SellerApplicationsTable;
  services: ServicesTable;
  projects: ProjectsTable;
  proposals: ProposalsTable;
  orders: OrdersTable;
  milestones: MilestonesTable;
  deliveries: DeliveriesTable;
  order_messages: OrderMessagesTable;
  order_events: OrderEventsTable;
  user_blocks: UserBlocksTable;
  ledger_accounts: LedgerAccountsTable;
  journal_entries: JournalEntriesTable;
  postings: PostingsTable;
  platform_balance_deltas: PlatformBalanceDeltasTable;
  gateway_transactions: GatewayTransactionsTable;
  gateway_notifications: GatewayNotificationsTable;
  gateway_attempts: GatewayAttemptsTable;
  payment_reconciliations: PaymentReconciliationsTable;
  idempotency_keys: IdempotencyKeysTable;
  reviews: ReviewsTable;
  tips: TipsTable;
  staff: StaffTable;
  users: UsersTable;
  user_tokens: UserTokensTable;
  staff_sessions: StaffSessionsTable;
  account_tokens: AccountTokensTable;
  phone_codes: PhoneCodesTable;
  retired_emails: RetiredEmailsTable;
  sign_ins: SignInsTable;
  staff_second_factors: StaffSecondFactorsTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  rate_limit_hits: RateLimitHitsTable;
  audit_log: AuditLogTable;
  setting_changes: SettingChangesTable;
  outbox: OutboxTable;
  scheduled_jobs: ScheduledJobsTable;
}

export type Staff = Selectable<StaffTable>;
export type User = Selectable<UsersTable>;
export type Order = Selectable<OrdersTable>;
export type Milestone = Selectable<MilestonesTable>;
export type ResolutionRequest = Selectable<ResolutionRequestsTable>;
export type RefundRequest = Selectable<RefundRequestsTable>;
export type Dispute = Selectable<DisputesTable>;
export type Withdrawal = Selectable<WithdrawalsTable>;
export type Ticket = Selectable<TicketsTable>;
export type NewAuditRow = Insertable<AuditLogTable>;

/** What repository functions take first: the database or the caller's transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
/**
 * Runs a use case's work in its transaction. The route opens it: a plain transaction, or one that also
 * records the answer under the caller's Idempotency-Key (MNY-5).
 */
export type InTransaction = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;
