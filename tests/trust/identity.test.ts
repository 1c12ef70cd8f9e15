import { describe, expect, it } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import { WARNING_TYPES } from '../../server/modules/trust/rules.js';

const t = useTestApp();
const DAY = 86_400;
const P = 'https://pasar.dev/problems/';
// A 1×1 PNG: enough for the server, which stores and serves what it is given.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const APPLICATION = {
  skills: ['illustration'],
  experience: "Six years of children's book illustration.",
  education: 'ISI Yogyakarta',
};

function sendIdentity(u: UserClient, files: { idPhoto?: Buffer; selfie?: Buffer; type?: string } = {}) {
  let req = u.upload('/api/v1/me/identity-verification');
  if (files.idPhoto !== undefined)
    req = req.attach('idPhoto', files.idPhoto, {
      filename: 'ktp.png',
      contentType: files.type ?? 'image/png',
    });
  if (files.selfie !== undefined)
    req = req.attach('selfie', files.selfie, {
      filename: 'selfie.png',
      contentType: files.type ?? 'image/png',
    });
  return req;
}

describe('Identity verification (ACC-7)', () => {
  it(`ACC-7: a seller sends an ID photo and a selfie; trust & safety sees both \
side by side and approves; verified once`, async () => {
    const seller = await t.seller();
    const missing = await sendIdentity(seller, { idPhoto: PNG });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'body.selfie', message: expect.any(String) }]);
    const pdf = await sendIdentity(seller, {
      idPhoto: Buffer.from('%PDF'),
      selfie: Buffer.from('%PDF'),
      type: 'application/pdf',
    });
    expect(pdf.status).toBe(415);
    const sent = await sendIdentity(seller, { idPhoto: PNG, selfie: PNG });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'submitted', expectedDecisionBy: expect.any(String) });
    expect((await sendIdentity(seller, { idPhoto: PNG, selfie: PNG })).body.type).toBe(
      `${P}identity-check-open`,
    );

    const ts = await t.staff('trust_safety');
    const queue = (
      await ts.get(
        '/api/admin/identity-checks?filter=' + encodeURIComponent(JSON.stringify({ status: 'submitted' })),
      )
    ).body;
    const row = queue.find((r: { userId: number }) => r.userId === seller.id);
    expect(row).toMatchObject({
      isSeller: true,
      overdue: false,
      idPhotoId: expect.any(Number),
      selfieId: expect.any(Number),
    });
    const photo = await ts.get(`/api/admin/documents/${row.idPhotoId}`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['content-disposition']).toMatch(/^inline/);
    expect(Buffer.compare(photo.body as Buffer, PNG)).toBe(0);
    expect((await (await t.staff('finance')).get(`/api/admin/documents/${row.idPhotoId}`)).status).toBe(403);

    expect((await ts.get(`/api/admin/identity-checks/${row.id}`)).body.allowedActions).toEqual([
      'approve',
      'reject',
    ]);
    expect(
      (await ts.post(`/api/admin/identity-checks/${row.id}/approve`, { reason: 'Photos match' })).body.status,
    ).toBe('approved');
    const late = await ts.post(`/api/admin/identity-checks/${row.id}/reject`, { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      type: `${P}identity-check-decided`,
      title: 'Already decided',
      detail: 'This identity check was approved already.',
    });
    expect((await ts.get(`/api/admin/identity-checks/${row.id}`)).body.allowedActions).toEqual([]);
    expect((await seller.get('/api/v1/me/identity-verification')).body).toMatchObject({
      verifiedAt: expect.any(String),
      latestCheck: { status: 'approved' },
    });
    const again = await sendIdentity(seller, { idPhoto: PNG, selfie: PNG });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(`${P}identity-verified`);
  });

  it('ACC-7, OPS-6: a rejected check carries a reason the user reads; they may send new photos', async () => {
    const u = await t.seller();
    const sent = await sendIdentity(u, { idPhoto: PNG, selfie: PNG });
    const ts = await t.staff('trust_safety');
    expect((await ts.post(`/api/admin/identity-checks/${sent.body.id}/reject`, {})).status).toBe(422);
    await ts.post(`/api/admin/identity-checks/${sent.body.id}/reject`, {
      reason: 'The face on the selfie does not match the ID photo.',
    });
    const me = (await u.get('/api/v1/me/identity-verification')).body;
    expect(me).toMatchObject({
      verifiedAt: null,
      latestCheck: {
        status: 'rejected',
        decisionReason: 'The face on the selfie does not match the ID photo.',
      },
    });
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', u.email)
      .where('kind', '=', 'identity.rejected')
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain('does not match the ID photo');
    expect((await sendIdentity(u, { idPhoto: PNG, selfie: PNG })).status).toBe(201);
    await t.advance(5 * DAY);
    const overdue = (
      await ts.get(
        '/api/admin/identity-checks?filter=' + encodeURIComponent(JSON.stringify({ overdue: true })),
      )
    ).body;
    expect(overdue.map((r: { userId: number }) => r.userId)).toContain(u.id);
  });
});

describe('Seller applications with portfolio files (SEL-1)', () => {
  it(`SEL-1: the applicant attaches portfolio files; trust & safety sees them \
with the applicant's profile and history`, async () => {
    const u = await t.user();
    expect(
      (
        await u
          .upload('/api/v1/seller-application/portfolio-files')
          .attach('files', PNG, { filename: 'cover.png', contentType: 'image/png' })
      ).status,
    ).toBe(404);
    const app = await u.post('/api/v1/seller-application', APPLICATION);
    expect(app.status).toBe(201);
    const up = await u
      .upload('/api/v1/seller-application/portfolio-files')
      .attach('files', PNG, { filename: 'cover.png', contentType: 'image/png' })
      .attach('files', Buffer.from('%PDF-1.4 portfolio'), {
        filename: 'portfolio.pdf',
        contentType: 'application/pdf',
      });
    expect(up.status).toBe(201);
    expect(up.body.map((f: { filename: string }) => f.filename)).toEqual(['cover.png', 'portfolio.pdf']);
    const ts = await t.staff('trust_safety');
    const detail = (await ts.get(`/api/admin/seller-applications/${app.body.id}`)).body;
    expect(
      detail.portfolioFiles.map((f: { filename: string; purpose: string }) => [f.filename, f.purpose]),
    ).toEqual([
      ['cover.png', 'portfolio'],
      ['portfolio.pdf', 'portfolio'],
    ]);
    expect(detail.applicant).toMatchObject({
      id: u.id,
      email: u.email,
      status: 'active',
      warnings: 0,
      identityVerifiedAt: null,
    });
    expect(detail.earlier).toEqual([]);
    const pdf = await ts.get(`/api/admin/documents/${detail.portfolioFiles[1].id}`);
    expect(pdf.headers['content-disposition']).toMatch(/^attachment/);
    await ts.post(`/api/admin/seller-applications/${app.body.id}/approve`, { reason: 'Portfolio ok' });
    const late = await u
      .upload('/api/v1/seller-application/portfolio-files')
      .attach('files', PNG, { filename: 'late.png', contentType: 'image/png' });
    expect(late.status).toBe(409);
  });
});

describe('Warnings and suspensions in the console', () => {
  it(`WRN-2: every warning type of the list is accepted, anything else is a 400 \
naming the field`, async () => {
    const ts = await t.staff('trust_safety');
    for (const type of WARNING_TYPES) {
      const u = await t.user();
      const res = await ts.post(`/api/admin/users/${u.id}/warnings`, {
        type,
        reason: `A ${type} violation`,
        evidence: 'Message #12 in order 4',
      });
      expect(res.status, type).toBe(201);
    }
    const u = await t.user();
    const bad = await ts.post(`/api/admin/users/${u.id}/warnings`, {
      type: 'rudeness',
      reason: 'no such type',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.type');
  });

  it(`WRN-8: a warning keeps its evidence; active suspensions are listed with \
their end and cause, soonest first`, async () => {
    const ts = await t.staff('trust_safety');
    const a = await t.user();
    const b = await t.user();
    for (const u of [a, b])
      await ts.post(`/api/admin/users/${u.id}/warnings`, {
        type: 'spam',
        reason: 'First spam',
        evidence: 'Screenshot link: https://files.pasar.test/s/1',
      });
    await ts.post(`/api/admin/users/${a.id}/warnings`, {
      type: 'spam',
      reason: 'Spam again',
      suspensionDays: 30,
    });
    await ts.post(`/api/admin/users/${b.id}/warnings`, {
      type: 'spam',
      reason: 'Spam again, shorter',
      suspensionDays: 3,
    });
    const list = (await ts.get('/api/admin/suspensions')).body as {
      id: number;
      suspendedUntil: string;
      warningReason: string;
    }[];
    const mine = list.filter((r) => r.id === a.id || r.id === b.id);
    expect(mine.map((r) => [r.id, r.warningReason])).toEqual([
      [b.id, 'Spam again, shorter'],
      [a.id, 'Spam again'],
    ]);
    const warnings = (await ts.get(`/api/admin/users/${a.id}/warnings`)).body;
    expect(warnings[1].evidence).toBe('Screenshot link: https://files.pasar.test/s/1');
    await ts.post(`/api/admin/users/${b.id}/lift-suspension`, { reason: 'Appeal accepted' });
    expect(
      ((await ts.get('/api/admin/suspensions')).body as { id: number }[]).map((r) => r.id),
    ).not.toContain(b.id);
  });
});

describe('Reasons users can read (OPS-6)', () => {
  it(`OPS-6: application rejection, warning and payout refusal each carry the \
written reason to the user`, async () => {
    const ts = await t.staff('trust_safety');
    const applicant = await t.user();
    const app = await applicant.post('/api/v1/seller-application', APPLICATION);
    expect((await ts.post(`/api/admin/seller-applications/${app.body.id}/reject`, {})).status).toBe(422);
    await ts.post(`/api/admin/seller-applications/${app.body.id}/reject`, {
      reason: 'The portfolio links do not open.',
    });
    expect((await applicant.get('/api/v1/seller-application')).body.decisionReason).toBe(
      'The portfolio links do not open.',
    );

    await ts.post(`/api/admin/users/${applicant.id}/warnings`, {
      type: 'abusive_language',
      reason: 'Insulted a seller in a message.',
    });

    const o = await makeOrder(t, { upTo: 'completed' });
    await t.advance(14 * DAY + 60);
    const w = await o.seller.post('/api/v1/withdrawals', {
      amount: 100_000,
      method: { type: 'ewallet', provider: 'DANA', accountId: '081211112222' },
    });
    const finance = await t.staff('finance');
    expect((await finance.post(`/api/admin/withdrawals/${w.body.id}/reject`, { reason: 'x' })).status).toBe(
      422,
    );
    await finance.post(`/api/admin/withdrawals/${w.body.id}/reject`, {
      reason: "The DANA account is not in the seller's name.",
    });

    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'body'])
      .where('recipient', 'in', [applicant.email, o.seller.email])
      .execute();
    const text = (email: string) =>
      mails
        .filter((m) => m.recipient === email)
        .map((m) => m.body)
        .join('\n');
    expect(text(applicant.email)).toContain('The portfolio links do not open.');
    expect(text(applicant.email)).toContain('Insulted a seller in a message.');
    expect(text(o.seller.email)).toContain("The DANA account is not in the seller's name.");
    expect((await o.seller.get('/api/v1/withdrawals')).body.items[0].reason).toBe(
      "The DANA account is not in the seller's name.",
    );
  });
});
