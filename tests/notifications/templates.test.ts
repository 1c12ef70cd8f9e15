import { describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  LOCALES,
  render,
  type TemplateKind,
  type TemplateParams,
} from '../../server/notifications/templates.js';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp();

/** 14:30 in Jakarta. */
const AT = new Date('2026-11-25T07:30:00Z');
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const RULE_ID = /\b[A-Z]{2,4}-\d+\b/;

/** Sample facts for every kind (the type makes a new kind without a sample a compile error). */
const SAMPLES: { [K in TemplateKind]: TemplateParams[K][] } = {
  'account.activation': [{ link: 'https://pasar.test/api/v1/auth/activate?token=abc', days: 7 }],
  'account.already-registered': [{}],
  'account.password-changed': [{}],
  'account.password-reset': [{ link: 'https://pasar.test/reset?token=abc', minutes: 30 }],
  'account.new-sign-in': [
    { at: AT, ip: '203.0.113.7', device: 'Firefox on Linux', endLink: 'https://pasar.test/end?token=x' },
  ],
  'account.email-change-confirm': [
    { link: 'https://pasar.test/confirm?token=abc', hours: 24, newEmail: 'new@example.test' },
  ],
  'account.email-change-requested': [{ newEmail: 'new@example.test' }],
  'account.email-changed': [{ newEmail: 'new@example.test' }],
  'account.email-unavailable': [{}],
  'sms.phone-code': [{ code: '123456', minutes: 10 }],
  'account.blocked': [
    { reason: 'Fraud', held: 1_250_000, payoutsStopped: true, releaseAt: AT },
    { reason: 'Fraud', held: 0, payoutsStopped: false, releaseAt: AT },
  ],
  'account.warning': [
    { type: 'spam', reason: 'Spam', consequence: 'reminder' },
    { type: 'abusive_language', reason: 'Insults', consequence: 'suspension', suspendedUntil: AT },
    {
      type: 'other',
      reason: 'Again',
      consequence: 'demotion',
      levelBefore: 'level_2',
      levelAfter: 'level_1',
    },
  ],
  'account.suspension-lifted': [{ reason: 'Appeal accepted' }],
  'account.suspension-ended': [{}],
  'seller.level': [{ level: 'top_rated', previous: 'level_2', windowDays: 60 }],
  'seller-application.approve': [{}],
  'seller-application.reject': [{ reason: 'No portfolio' }],
  'seller-application.request-changes': [{ reason: 'Add links' }],
  'identity.approved': [{}],
  'identity.rejected': [{ reason: 'Blurred photo' }],
  'service.approved': [{ serviceId: 3, title: 'Logo design' }],
  'service.rejected': [
    { serviceId: 3, title: 'Logo design', reasonCode: 'contact_details', reason: 'Phone number in text' },
  ],
  'service.edit-rejected': [
    { serviceId: 3, title: 'Logo design', reasonCode: 'contact_details', reason: 'Phone number in text' },
  ],
  'order.placed': [{ title: 'Logo', total: 1_000_000 }],
  'order.milestone-paid': [{ title: 'Logo', seq: 1, milestoneTitle: 'Sketch', amount: 300_000, dueAt: AT }],
  'order.delivered': [{ title: 'Logo', seq: 1, autoAcceptAt: AT }],
  'order.revision': [{ title: 'Logo', message: 'Bigger, please' }],
  'order.accepted': [
    { title: 'Logo', seq: 1, completed: false, automatic: false, share: 270_000, clearsAt: AT },
    { title: 'Logo', seq: 2, completed: true, automatic: true, share: 270_000, clearsAt: AT },
  ],
  'order.completed': [{ title: 'Logo', reviewWindowDays: 14 }],
  'order.message': [{ title: 'Logo', body: 'Hello' }],
  'order.reviewed': [{ title: 'Logo' }],
  'order.tip': [{ title: 'Logo', amount: 50_000 }],
  'review.removed': [{ orderId: 7, reason: 'Insults' }],
  'ledger.clearance-reversed': [{ title: 'Logo', amount: 300_000, reason: 'Chargeback', clearsAt: AT }],
  'refund.requested': [{ title: 'Logo', amount: 300_000, message: 'Never delivered' }],
  'refund.rejected': [{ refundRequestId: 3, reason: 'Delivered on time' }],
  'refund.approved': [
    { refundRequestId: 3, amount: 300_000, reason: 'Late', toCard: null },
    {
      refundRequestId: 3,
      amount: 300_000,
      reason: 'Late',
      toCard: { net: 280_000, paymentFee: 11_000, marketplaceFee: 9_000 },
    },
  ],
  'refund.completed-order': [
    { to: 'buyer', title: 'Logo', amount: 300_000, reason: 'Broken file', toCardNet: 280_000 },
    { to: 'buyer', title: 'Logo', amount: 300_000, reason: 'Broken file', toCardNet: null },
    { to: 'seller', title: 'Logo', amount: 300_000, reason: 'Broken file', fromEarnings: 270_000 },
  ],
  'resolution.opened': [
    {
      title: 'Logo',
      by: 'buyer',
      kind: 'cancel',
      reason: 'requirements_changed',
      message: 'Sorry',
      answerBy: AT,
    },
    { title: 'Logo', by: 'buyer', kind: 'extend_delivery', reason: 'other', message: 'More', answerBy: null },
  ],
  'resolution.accepted': [{ title: 'Logo', kind: 'extra_revisions' }],
  'resolution.declined': [
    { title: 'Logo', kind: 'cancel', answer: 'No' },
    { title: 'Logo', kind: 'extras', answer: null },
  ],
  'resolution.expired': [
    { title: 'Logo', kind: 'update' },
    { title: 'Logo', kind: 'extras' },
  ],
  'resolution.cancel.expired': [{ title: 'Logo' }],
  'resolution.escalated': [{ title: 'Logo', by: 'seller' }],
  'escalation.decided': [
    { title: 'Logo', outcome: 'cancel_full', buyerCredit: null, reason: 'Nothing delivered' },
    { title: 'Logo', outcome: 'cancel_partial', buyerCredit: 150_000, reason: 'Half delivered' },
    { title: 'Logo', outcome: 'continue', buyerCredit: null, reason: 'Work is on track' },
  ],
  'dispute.opened': [
    {
      title: 'Logo',
      by: 'buyer',
      seq: 1,
      escrow: 300_000,
      reason: 'Not as agreed',
      proposedToSeller: 100_000,
      respondBy: AT,
    },
  ],
  'dispute.statement': [{ disputeId: 4, text: 'My side' }],
  'dispute.offer': [{ disputeId: 4, by: 'seller', toSeller: 200_000, toBuyer: 100_000 }],
  'dispute.closed': [
    { disputeId: 4, title: 'Logo', toBuyer: 100_000, toSeller: 180_000, commission: 20_000, reason: null },
    { disputeId: 4, title: 'Logo', toBuyer: 100_000, toSeller: 180_000, commission: 20_000, reason: 'Split' },
  ],
  'dispute.arbitration-requested': [{ disputeId: 4, by: 'buyer', fee: 50_000, feeDueAt: AT }],
  'dispute.award-refused': [{ disputeId: 4, stage: 'final_offer', reason: 'Evidence missing' }],
  'withdrawal.requested': [{ amount: 1_000_000, slaBusinessDays: 3, dueAt: AT }],
  'withdrawal.returned': [
    { withdrawalId: 9, amount: 1_000_000, status: 'rejected', reason: 'Name differs' },
    { withdrawalId: 9, amount: 1_000_000, status: 'failed', reason: 'Bank refused' },
  ],
  'withdrawal.paid': [{ withdrawalId: 9, amount: 1_000_000, reference: 'TRX88231' }],
  'support.contact-confirm': [
    { link: 'https://pasar.test/api/v1/support/contact/confirm?token=abc', hours: 24 },
  ],
  'ticket.received': [
    { ticketId: 5, subject: 'Charged twice', replyLink: null },
    { ticketId: 5, subject: 'Charged twice', replyLink: 'https://pasar.test/support/reply?token=abc' },
  ],
  'ticket.reply': [
    { ticketId: 5, subject: 'Charged twice', body: 'We refunded it.', replyLink: null },
    {
      ticketId: 5,
      subject: 'Charged twice',
      body: 'We refunded it.',
      replyLink: 'https://pasar.test/r?token=a',
    },
  ],
  'ticket.pending-reminder': [{ ticketId: 5, subject: 'Charged twice', solveAt: AT }],
  'ticket.solved': [
    { ticketId: 5, subject: 'Charged twice', automatic: false, closeAt: AT },
    { ticketId: 5, subject: 'Charged twice', automatic: true, closeAt: AT },
  ],
  'ticket.merged': [{ ticketId: 5, subject: 'Charged twice', intoId: 4 }],
};

function everyRendering() {
  const out = [];
  for (const locale of LOCALES)
    for (const kind of Object.keys(SAMPLES) as TemplateKind[])
      for (const params of SAMPLES[kind] as TemplateParams[TemplateKind][])
        out.push({
          locale,
          kind,
          ...render({ locale, timezone: 'Asia/Jakarta', name: 'Dewi', kind, params }),
        });
  return out;
}

describe('notification templates', () => {
  it('every template renders in both languages without ISO timestamps, rule ids or empty values', () => {
    const all = everyRendering();
    expect(all.length).toBeGreaterThan(2 * 40);
    for (const m of all) {
      const where = `${m.locale} ${m.kind}: ${m.subject}\n${m.text}`;
      for (const part of [m.subject, m.text]) {
        expect(part, where).not.toMatch(ISO);
        expect(part, where).not.toMatch(RULE_ID);
        expect(part, where).not.toMatch(/undefined|null|NaN|\[object/);
        // Amounts only as `Rp 1.000.000`, never a bare number of rupiah.
        expect(part, where).not.toMatch(/Rp \d{4,}/);
      }
      expect(m.subject.length, where).toBeGreaterThan(5);
      expect(m.text, where).toContain('Dewi');
    }
  });

  it('every template reads differently in English and Indonesian', () => {
    const all = everyRendering();
    const half = all.length / 2;
    for (let i = 0; i < half; i++) expect(all[i]!.text).not.toBe(all[i + half]!.text);
  });

  it('amounts read as Rp 1.000.000 and moments in Jakarta time, in each language', () => {
    const id = render({
      locale: 'id',
      timezone: 'Asia/Jakarta',
      name: 'Dewi',
      kind: 'withdrawal.requested',
      params: SAMPLES['withdrawal.requested'][0]!,
    });
    expect(id.text).toContain('Rp 1.000.000');
    expect(id.text).toContain('Rabu, 25 November 2026 pukul 14.30 WIB');
    const en = render({
      locale: 'en',
      timezone: 'Asia/Jakarta',
      name: 'Dewi',
      kind: 'withdrawal.requested',
      params: SAMPLES['withdrawal.requested'][0]!,
    });
    expect(en.text).toContain('Rp 1.000.000');
    expect(en.text).toContain('Wednesday, 25 November 2026 at 14:30');
    // Another marketplace time zone moves the hour with it (PASAR_TIMEZONE).
    const wita = render({
      locale: 'id',
      timezone: 'Asia/Makassar',
      name: 'Dewi',
      kind: 'order.delivered',
      params: SAMPLES['order.delivered'][0]!,
    });
    expect(wita.text).toContain('pukul 15.30 WITA');
  });
});

describe('notifications in the user’s language', () => {
  const register = (body: object) =>
    request(t.app)
      .post('/api/v1/auth/register')
      .send({ name: 'Test Person', password: 'Rahasia-Kuat-2026', ...body });
  const mailTo = (email: string, kind: string) =>
    t.ctx.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('recipient', '=', email)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('a new user reads Indonesian by default and English when they registered with locale en', async () => {
    const id = await register({ email: 'lang-id@example.test', username: 'lang_id' });
    expect(id.status).toBe(201);
    const idMail = await mailTo('lang-id@example.test', 'account.activation');
    expect(idMail.subject).toBe('Aktifkan akun Pasar Anda');
    expect(idMail.body).toMatch(/^Halo Test Person,/);
    expect(idMail.body).toMatch(/\/api\/v1\/auth\/activate\?token=/);

    const en = await register({ email: 'lang-en@example.test', username: 'lang_en', locale: 'en' });
    expect(en.status).toBe(201);
    const enMail = await mailTo('lang-en@example.test', 'account.activation');
    expect(enMail.subject).toBe('Activate your Pasar account');
    expect(enMail.body).toMatch(/^Hi Test Person,/);

    const bad = await register({ email: 'lang-xx@example.test', username: 'lang_xx', locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('body.locale');
  });

  it('PATCH /api/v1/me sets the locale; later mail follows it, with dates in Jakarta time', async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).body.locale).toBe('id');
    const trust = await t.staff('trust_safety');
    const warn = (reason: string) =>
      trust.post(`/api/admin/users/${u.id}/warnings`, { type: 'spam', reason }).expect(201);

    await warn('First spam message');
    const first = await mailTo(u.email, 'account.warning');
    expect(first.subject).toBe('Peringatan untuk akun Pasar Anda');
    expect(first.body).toContain('First spam message');

    expect((await u.patch('/api/v1/me', { locale: 'en' })).body.locale).toBe('en');
    expect((await u.patch('/api/v1/me', { locale: 'de' })).status).toBe(400);
    // A second warning of the same type suspends (WRN-4): the mail names the end in Jakarta time.
    const second = await warn('Second spam message');
    expect(second.body.consequence).toBe('suspension');
    const until = new Date(second.body.suspendedUntil as string);
    const mail = await mailTo(u.email, 'account.warning');
    expect(mail.subject).toBe('A warning on your Pasar account');
    expect(mail.body).toContain('Second spam message');
    const jakarta = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Jakarta',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(until)
      .replace(' at', '');
    const [date, time] = [
      jakarta.slice(0, jakarta.lastIndexOf(' ')),
      jakarta.slice(jakarta.lastIndexOf(' ') + 1),
    ];
    expect(time).toBe('09:00'); // the test clock starts at 09:00 in Jakarta (02:00 UTC)
    expect(mail.body).toContain(`${date} at ${time} GMT+7`);
    expect(mail.body).not.toMatch(ISO);
    expect(mail.body).not.toMatch(RULE_ID);
  });
});
