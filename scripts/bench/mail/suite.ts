import { performance } from 'node:perf_hooks';
import { execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { connect } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import type { BenchOptions } from '../index.js';
import { createDatabase, dropDatabase } from '../lib/db.js';
import { BENCH_DIR, startWorker } from '../lib/proc.js';
import type { Row } from '../lib/report.js';
import { BODY } from './body.js';
import { startSink, type SmtpSink } from './sink.js';

const run = promisify(execFile);

/**
 * `npm run bench -- mail` (issue #15): N queued mails delivered by one scheduler worker (its own process on
 * the product's Scheduler and outbox delivery, the SMTP adapter with SMTP_URL) to an SMTP sink in this
 * process (smtp-server), from the commit that queues them to the last one marked sent. Checked afterwards:
 * every mail received by the sink exactly once (one recipient per mail) and marked sent after one attempt.
 * The anchor: nodemailer alone sending the same messages to the same sink over a pool, no database.
 */
const TARGET_MAILS_PER_SECOND = 500;

const sizes = (quick: boolean) =>
  quick ? { mails: 10_000, anchorMails: 2_000 } : { mails: 100_000, anchorMails: 10_000 };

async function queue(c: pg.Client, n: number, users: number) {
  // A tenth of the recipients are users (their language is looked up per message), the rest are not.
  await c.query(
    `insert into users (name, email, username, password_hash, status, created_at, activated_at, locale)
     select 'Mail user ' || i, 'mail-' || i || '@mail.test', 'mailuser' || i, 'x', 'active', now(), now(),
            case when i % 2 = 0 then 'id' else 'en' end
     from generate_series(1, $1::int) as i`,
    [users],
  );
  await c.query(
    `insert into outbox (kind, recipient, subject, body, payload, created_at, next_attempt_at)
     select 'order.delivered', 'mail-' || i || '@mail.test', 'Order ' || i || ' was delivered', $2, '{}',
            now(), now()
     from generate_series(1, $1::int) as i`,
    [n, BODY],
  );
}

/** The anchor (anchor.ts in its own process): what nodemailer's pool alone sends to the sink per second. */
async function anchor(sink: SmtpSink, n: number): Promise<number> {
  const before = sink.received();
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    path.join(BENCH_DIR, 'mail/anchor.ts'),
    sink.url,
    String(n),
  ]);
  if (sink.received() - before !== n) throw new Error('mail: the anchor lost messages');
  return Number(stdout.trim());
}

export async function runMail(opts: BenchOptions): Promise<Row[]> {
  const size = sizes(opts.quick);
  const database = await createDatabase('mail');
  const sink = await startSink();
  let worker: ChildProcess | null = null;
  const c = new pg.Client({ connectionString: database.url });
  try {
    const handle = await connect({ databaseUrl: database.url, poolSize: 2 });
    await migrateToLatest(handle.db);
    await handle.close();
    await c.connect();
    opts.log(`mail: anchor, nodemailer pool to the sink, ${size.anchorMails} mails`);
    const anchorRate = await anchor(sink, size.anchorMails);
    worker = await startWorker(database.url, { SMTP_URL: sink.url, MAIL_FROM: 'Pasar <noreply@pasar.test>' });
    opts.log(`mail: ${size.mails} queued mails, one worker`);
    const base = sink.received();
    const started = performance.now();
    await queue(c, size.mails, size.mails / 10);
    // The sink counts arrivals without the database; then the last batch's commit is waited for.
    let failed = 0;
    for (let arrived = false; !arrived;) {
      arrived = await Promise.race([
        sink.waitFor(base + size.mails).then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 1000)),
      ]);
      const f = await c.query<{ n: number }>(`select count(*)::int as n from outbox where status <> 'sent'
        and (status = 'failed' or attempts > 0)`);
      failed = f.rows[0]!.n;
      if (failed) break;
      if (performance.now() - started > 30 * 60_000) throw new Error('mail: not delivered in 30 minutes');
    }
    for (;;) {
      const r = await c.query<{ n: number }>(
        `select count(*)::int as n from outbox where status = 'pending'`,
      );
      if (r.rows[0]!.n === 0 || failed) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = size.mails / seconds;
    const check = await c.query<{ sent: number; once: number }>(
      `select count(*)::int as sent, count(*) filter (where attempts = 1)::int as once
       from outbox where status = 'sent'`,
    );
    const { sent, once } = check.rows[0]!;
    let receivedOnce = 0;
    let duplicates = 0;
    for (let i = 1; i <= size.mails; i++) {
      const n = sink.counts.get(`mail-${i}@mail.test`) ?? 0;
      if (n === 1) receivedOnce++;
      if (n > 1) duplicates++;
    }
    const errors = size.mails - receivedOnce + (size.mails - once) + failed;
    opts.log(
      `mail: ${rate.toFixed(0)} mails/s (${seconds.toFixed(1)} s); ${receivedOnce} received once,` +
        ` ${duplicates} more than once, ${sent} marked sent (${once} at the first attempt),` +
        ` ${failed} not sent`,
    );
    return [
      {
        measure: `mail: outbox to SMTP, 1 worker (${size.mails} mails)`,
        product: [{ rate, p99Ms: NaN, errors }],
        anchorName: 'nodemailer pool → sink',
        anchor: [{ rate: anchorRate, p99Ms: NaN, errors: 0 }],
        notes:
          `target ≥ ${TARGET_MAILS_PER_SECOND}/s ${rate >= TARGET_MAILS_PER_SECOND ? 'met' : 'NOT MET'};` +
          ` each received once and marked sent once: ${errors === 0 ? 'yes' : 'NO'}`,
      },
    ];
  } finally {
    if (worker) {
      worker.removeAllListeners('exit');
      worker.kill('SIGTERM');
    }
    await c.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    await sink.close();
    await dropDatabase(database.name);
  }
}
