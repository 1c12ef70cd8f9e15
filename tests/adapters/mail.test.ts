import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { enqueue } from '../../server/modules/outbox/outbox.js';
import { SmtpMailer } from '../../server/modules/outbox/mailer.js';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp?.close());

const t = useTestApp({
  env: () => ({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Pasar <no-reply@pasar.example>',
    PASAR_PUBLIC_URL: 'https://pasar.example',
  }),
});

const mailTo = (to: string) => smtp.received.filter((m) => m.envelopeTo.includes(to));

async function outboxRow(to: string) {
  return t.ctx.db
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts', 'last_error', 'next_attempt_at'])
    .where('recipient', '=', to)
    .executeTakeFirstOrThrow();
}

async function queueMail(to: string) {
  await enqueue(t.ctx.db, t.clock, { kind: 'test', to, subject: `For ${to}`, text: 'Hello\n\nBye' });
}

describe('mail through SMTP (SMTP_URL)', () => {
  it('OPS-5: SMTP_URL selects the SMTP mailer', () => {
    // Texts (sms:+62…) go to the SMS sender; every other message to the mail transport SMTP_URL chose.
    expect((t.ctx.mailer as { email?: unknown }).email).toBeInstanceOf(SmtpMailer);
  });

  it(`OPS-5 ACC-1: the activation mail reaches the SMTP server in the user’s \
language, with text and HTML parts and a link that activates`, async () => {
    const email = 'dewi.mail@example.test';
    const reg = await request(t.app).post('/api/v1/auth/register').send({
      name: 'Dewi Lestari',
      email,
      username: 'dewi_mail',
      password: 'Kopi-Tubruk-Pagi-2026',
      locale: 'en',
    });
    expect(reg.status).toBe(201);
    expect(mailTo(email)).toHaveLength(0); // written to the outbox, delivered by the scheduler
    await t.advance(1);

    const mail = mailTo(email)[0]!;
    expect(mail).toBeDefined();
    expect(mail.envelopeFrom).toBe('no-reply@pasar.example');
    expect(mail.parsed.from?.text).toContain('no-reply@pasar.example');
    expect(mail.parsed.subject).toBe('Activate your Pasar account');
    const text = mail.parsed.text ?? '';
    const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
    expect(text).toContain('Hi Dewi Lestari,');
    const link = /https:\/\/pasar\.example\/\S*token=[\w-]+/.exec(text)?.[0];
    expect(link).toBeDefined();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<a href="${link!.replace(/&/g, '&amp;')}">`);
    expect(html).toContain('Hi Dewi Lestari,');

    const token = new URL(link!).searchParams.get('token')!;
    const activated = await request(t.app).post('/api/v1/auth/activate').send({ token });
    expect(activated.status).toBe(200);
    expect(activated.body.status).toBe('active');
    expect((await outboxRow(email)).status).toBe('sent');
  });

  it('OPS-5: a user who did not choose English gets the Indonesian mail', async () => {
    const email = 'bayu.mail@example.test';
    await request(t.app)
      .post('/api/v1/auth/register')
      .send({ name: 'Bayu Aji', email, username: 'bayu_mail', password: 'Kopi-Tubruk-Pagi-2026' })
      .expect(201);
    await t.advance(1);
    const mail = mailTo(email)[0]!;
    expect(mail.parsed.subject).not.toBe('Activate your Pasar account');
    expect(mail.parsed.text).toContain('Bayu Aji');
    expect(mail.parsed.html).toContain('<html lang="id">');
  });

  it('OPS-5: a temporary refusal (SMTP 451) is retried after its backoff and then delivered', async () => {
    const to = 'busy@example.test';
    smtp.refuse(to, { code: 451, message: 'Mailbox busy, try again later' }, 1);
    await queueMail(to);
    await t.advance(1);
    const first = await outboxRow(to);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.last_error).toContain('451');
    expect(mailTo(to)).toHaveLength(0);

    await t.advance(5); // before the backoff: not tried again
    expect(smtp.tries(to)).toBe(1);

    await t.advance(Math.ceil((first.next_attempt_at.getTime() - t.clock.now().getTime()) / 1000) + 1);
    expect(smtp.tries(to)).toBe(2);
    expect(mailTo(to)).toHaveLength(1);
    expect(await outboxRow(to)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it(`OPS-5: a permanent refusal (SMTP 550) marks the message failed with its \
error, shown in the console outbox`, async () => {
    const to = 'gone@example.test';
    smtp.refuse(to, { code: 550, message: 'No such user here' });
    await queueMail(to);
    await t.advance(1);
    const row = await outboxRow(to);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/550.*No such user here/);

    await t.advance(24 * 3600); // never tried again
    expect(smtp.tries(to)).toBe(1);

    const admin = await t.staff('admin');
    const shown = await admin.get(`/api/admin/outbox/${row.id}`).expect(200);
    expect(shown.body).toMatchObject({ status: 'failed', to });
    expect(shown.body.lastError).toContain('550');
    const failedList = await admin
      .get(`/api/admin/outbox?filter=${encodeURIComponent(JSON.stringify({ status: ['failed'] }))}`)
      .expect(200);
    expect(failedList.body.map((m: { to: string }) => m.to)).toContain(to);
  });
});
