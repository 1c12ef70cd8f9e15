import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Accounts a person can keep (issue #18): password reset and email change links, phone codes, the sign-in
// history, where each session was opened, retired email addresses, and the staff second factor (OPS-7).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column timezone text`.execute(db);

  await sql`alter table user_tokens add column ip text`.execute(db);
  await sql`alter table user_tokens add column user_agent text`.execute(db);
  // The "this was not me" link of a new-device notice ends this session without signing in (ACC-11).
  await sql`alter table user_tokens add column end_link_hash text`.execute(db);
  await sql`create unique index user_tokens_end_link on user_tokens (end_link_hash)`.execute(db);

  // A resent activation mail makes the earlier links stop working.
  await sql`alter table activation_tokens add column superseded_at timestamptz`.execute(db);

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('password_reset', 'email_change')`),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('superseded_at', 'timestamptz')
    .addCheckConstraint('account_tokens_owner', sql`(user_id is null) <> (staff_id is null)`)
    .execute();
  await sql`create index account_tokens_user on account_tokens (user_id, purpose)`.execute(db);
  await sql`create index account_tokens_staff on account_tokens (staff_id, purpose)`.execute(db);

  await db.schema
    .createTable('phone_codes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('verify_phone', 'email_change')`))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'timestamptz')
    .addColumn('superseded_at', 'timestamptz')
    .execute();
  await sql`create index phone_codes_user on phone_codes (user_id, purpose, created_at)`.execute(db);

  await db.schema
    .createTable('retired_emails')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('retired_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sign_ins')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('success', 'boolean', (c) => c.notNull())
    .addColumn('failure', 'text')
    .execute();
  await sql`create index sign_ins_user on sign_ins (user_id, at desc)`.execute(db);

  await db.schema
    .createTable('staff_second_factors')
    .addColumn('staff_id', 'integer', (c) => c.primaryKey().references('staff.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('last_time_step', 'integer')
    .execute();
  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await sql`create index staff_recovery_codes_staff on staff_recovery_codes (staff_id)`.execute(db);

  // Staff sessions get an id that can be shown (never the sid, which is half of the cookie) and what a
  // staff member needs to recognise one.
  await sql`alter table staff_sessions add column id integer generated always as identity`.execute(db);
  await sql`alter table staff_sessions add column staff_id integer`.execute(db);
  await sql`alter table staff_sessions add column created_at timestamptz`.execute(db);
  await sql`alter table staff_sessions add column last_seen_at timestamptz`.execute(db);
  await sql`alter table staff_sessions add column ip text`.execute(db);
  await sql`alter table staff_sessions add column user_agent text`.execute(db);
  await sql`create unique index staff_sessions_id on staff_sessions (id)`.execute(db);
  await sql`create index staff_sessions_staff on staff_sessions (staff_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['id', 'staff_id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    await sql`alter table staff_sessions drop column ${sql.ref(c)}`.execute(db);
  for (const t of [
    'staff_recovery_codes',
    'staff_second_factors',
    'sign_ins',
    'retired_emails',
    'phone_codes',
    'account_tokens',
  ])
    await db.schema.dropTable(t).execute();
  await sql`alter table activation_tokens drop column superseded_at`.execute(db);
  await sql`drop index user_tokens_end_link`.execute(db);
  for (const c of ['ip', 'user_agent', 'end_link_hash'])
    await sql`alter table user_tokens drop column ${sql.ref(c)}`.execute(db);
  await sql`alter table users drop column timezone`.execute(db);
}
