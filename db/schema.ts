import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

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
}

export interface UserTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface StaffSessionsTable {
  sid: string;
  sess: Json;
  expires_at: Timestamp;
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

export interface ScheduledJobsTable {
  id: Generated<number>;
  kind: string;
  run_at: Timestamp;
  payload: JsonWithDefault;
  dedupe_key: string | null;
  status: Generated<'pending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

export interface Database {
  staff: StaffTable;
  users: UsersTable;
  user_tokens: UserTokensTable;
  staff_sessions: StaffSessionsTable;
  rate_limit_hits: RateLimitHitsTable;
  audit_log: AuditLogTable;
  setting_changes: SettingChangesTable;
  outbox: OutboxTable;
  scheduled_jobs: ScheduledJobsTable;
}

export type Staff = Selectable<StaffTable>;
export type User = Selectable<UsersTable>;
export type NewAuditRow = Insertable<AuditLogTable>;

/** What repository functions take first: the database or the caller's transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
