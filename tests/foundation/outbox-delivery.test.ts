import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/context.js';
import { enqueue } from '../../server/modules/outbox/outbox.js';
import { deliverOutbox } from '../../server/modules/outbox/delivery.js';
import type { Mail, Mailer } from '../../server/modules/outbox/mailer.js';

const t = useTestApp();

/** Records what it is given; fails for recipients in `failFor`, counting attempts. */
class RecordingMailer implements Mailer {
  sent: Mail[] = [];
  attempts = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly failFor = new Set<string>()) {}
  async send(mail: Mail): Promise<void> {
    this.attempts.set(mail.to, (this.attempts.get(mail.to) ?? 0) + 1);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 2));
    this.inFlight--;
    if (this.failFor.has(mail.to)) throw new Error(`550 mailbox ${mail.to} unavailable`);
    this.sent.push(mail);
  }
}

async function queue(prefix: string, n: number) {
  await t.ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      await enqueue(trx, t.clock, {
        kind: 'test',
        to: `${prefix}${i}@example.test`,
        subject: `#${i}`,
        text: 'x',
      });
    }
  });
}

const statusOf = (to: string) =>
  t.ctx.db
    .selectFrom('outbox')
    .select(['status', 'attempts', 'last_error', 'next_attempt_at'])
    .where('recipient', '=', to)
    .executeTakeFirstOrThrow();

describe('outbox delivery in batches (OPS-5)', () => {
  it(`OPS-5: a backlog larger than one batch is delivered in one call, each \
message once, concurrently`, async () => {
    await queue('bulk', 45);
    const mailer = new RecordingMailer();
    const delivered = await deliverOutbox(t.ctx.db, t.clock, mailer, { batch: 10, concurrency: 4 });
    expect(delivered).toBe(45);
    expect(new Set(mailer.sent.map((m) => m.to)).size).toBe(45);
    expect(mailer.sent).toHaveLength(45);
    expect(mailer.maxInFlight).toBeGreaterThan(1);
    expect(mailer.maxInFlight).toBeLessThanOrEqual(4);
    const left = await t.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', 'like', 'bulk%')
      .where('status', '<>', 'sent')
      .execute();
    expect(left).toEqual([]);
    expect(await deliverOutbox(t.ctx.db, t.clock, mailer)).toBe(0);
  });

  it(`OPS-5: a failing message is retried with backoff on its own; the rest of \
its batch is sent`, async () => {
    await queue('mixed', 3);
    const mailer = new RecordingMailer(new Set(['mixed1@example.test']));
    await deliverOutbox(t.ctx.db, t.clock, mailer);
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['mixed0@example.test', 'mixed2@example.test']);
    const failed = await statusOf('mixed1@example.test');
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toContain('550');
    // Backoff: not retried before its next attempt time, retried after it.
    expect(failed.next_attempt_at.getTime()).toBeGreaterThan(t.clock.now().getTime());
    await deliverOutbox(t.ctx.db, t.clock, mailer);
    expect(mailer.attempts.get('mixed1@example.test')).toBe(1);
    t.clock.advance((failed.next_attempt_at.getTime() - t.clock.now().getTime()) / 1000 + 1);
    await deliverOutbox(t.ctx.db, t.clock, mailer);
    expect(mailer.attempts.get('mixed1@example.test')).toBe(2);
  });

  it(`OPS-5: after the last attempt a message is marked failed with its error and \
never sent again`, async () => {
    await queue('dead', 1);
    const mailer = new RecordingMailer(new Set(['dead0@example.test']));
    for (let i = 0; i < 12; i++) {
      await deliverOutbox(t.ctx.db, t.clock, mailer);
      t.clock.advance(2 ** 12 * 30);
    }
    expect(await statusOf('dead0@example.test')).toMatchObject({ status: 'failed', attempts: 8 });
    expect(mailer.attempts.get('dead0@example.test')).toBe(8);
  });
});

describe('outbox delivery with several workers', () => {
  it.runIf(process.env.TEST_DATABASE_URL)(
    'OPS-5 (PostgreSQL only: real row locks): two workers draining one queue send every message once',
    async () => {
      await queue('pair', 120);
      const mailer = new RecordingMailer();
      const [a, b] = await Promise.all([
        deliverOutbox(t.ctx.db, t.clock, mailer, { batch: 15, concurrency: 4 }),
        deliverOutbox(t.ctx.db, t.clock, mailer, { batch: 15, concurrency: 4 }),
      ]);
      expect(a + b).toBe(120);
      const pair = mailer.sent.filter((m) => m.to.startsWith('pair'));
      expect(pair).toHaveLength(120);
      expect(new Set(pair.map((m) => m.to)).size).toBe(120);
    },
  );
});
