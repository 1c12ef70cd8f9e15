import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

/** Issue #13, "bad input": every answer here was a 500 before; each must be a 4xx problem. */
const t = useTestApp();
const P = 'https://pasar.dev/problems/';
const DAY = 86_400;

function expectProblem(res: request.Response, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

describe('Hardening: strings, ids, lists and conflicts answer 4xx, never 500', () => {
  it(`NUL bytes and lone surrogates in any string are a 400 (login, search, \
profile, admin filter)`, async () => {
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: 'a\u0000@example.test', password: 'x' });
    expectProblem(login, 400);
    const surrogate = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: 'a\ud800@example.test', password: 'x' });
    expectProblem(surrogate, 400);
    expectProblem(await request(t.app).get('/api/v1/services').query({ q: 'logo\u0000' }), 400);
    const u = await t.user();
    expectProblem(await u.patch('/api/v1/me', { bio: 'hello \udc00 world' }), 400);
    // A well-formed pair (an emoji) is fine.
    expect((await u.patch('/api/v1/me', { bio: 'hello \ud83d\ude00' })).status).toBe(200);
    const admin = await t.staff('admin');
    const filtered = await admin.get('/api/admin/users').query({ filter: JSON.stringify({ q: 'a\u0000' }) });
    expectProblem(filtered, 400);
  });

  it('ids are strict positive integers: " 1", "1e3", "0x1F", "1.0", 2^31 are 400, "1" works', async () => {
    const admin = await t.staff('admin');
    for (const bad of ['%201', '1e3', '0x1F', '1.0', '-1', '0', '2147483648', '99999999999999999999'])
      expectProblem(await admin.get(`/api/admin/staff/${bad}`), 400);
    expect((await admin.get(`/api/admin/staff/${admin.id}`)).status).toBe(200);
    const u = await t.user();
    expectProblem(await u.get('/api/v1/orders/1e3'), 400);
    expectProblem(await u.get('/api/v1/orders/%201'), 400);
  });

  it('admin lists: prototype keys in sort or filter and bad integer filters are 400', async () => {
    const admin = await t.staff('admin');
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const sorted = await admin.get('/api/admin/orders').query({ sort: JSON.stringify([key, 'ASC']) });
      expectProblem(sorted, 400);
      const filtered = await admin.get('/api/admin/orders').query({ filter: `{"${key}":1}` });
      expectProblem(filtered, 400);
    }
    for (const v of ['1.5', '99999999999999999999', '"abc"', '"1e3"', '-1', 'true'])
      expectProblem(await admin.get('/api/admin/orders').query({ filter: `{"buyerId":${v}}` }), 400);
    expectProblem(await admin.get('/api/admin/orders').query({ filter: '{"id":1.5}' }), 400);
    expectProblem(await admin.get('/api/admin/orders').query({ filter: '{"id":[99999999999}' }), 400);
    expectProblem(await admin.get('/api/admin/ledger-entries').query({ filter: '{"userId":1e30}' }), 400);
    expectProblem(await admin.get('/api/admin/audit-log').query({ filter: '{"actorId":2.5}' }), 400);
    const ok = await admin.get('/api/admin/orders').query({ filter: '{"buyerId":1}' });
    expect(ok.status).toBe(200);
  });

  it('PUT /api/admin/staff/:id with nothing to change is a no-op 200', async () => {
    const admin = await t.staff('admin');
    const other = await t.staff('support');
    const res = await admin.put(`/api/admin/staff/${other.id}`, { reason: 'nothing really' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: other.id, role: 'support', active: true });
  });

  it(`malformed multipart on the upload routes is a 400 (no boundary, truncated \
body, NUL in a name)`, async () => {
    const u = await t.user();
    const path = '/api/v1/me/identity-verification';
    expectProblem(await u.upload(path).set('Content-Type', 'multipart/form-data').send('garbage'), 400);
    const truncated = await u
      .upload(path)
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send('--XyZ\r\nContent-Disposition: form-data; name="idPhoto"; filename="a.png"\r\n' + 'Content-Ty');
    expectProblem(truncated, 400);
    const nul = await u
      .upload(path)
      .attach('idPhoto', Buffer.from([0x89, 0x50]), { filename: 'a\u0000.png', contentType: 'image/png' });
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
  });

  it('two payouts marked paid with the same bank reference at once: one 200 and one 409', async () => {
    const finance = await t.staff('finance');
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
      await t.advance(14 * DAY + 60);
      const w = await o.seller.post('/api/v1/withdrawals', {
        amount: 200_000,
        method: { type: 'bank_transfer', bank: 'BCA', accountNumber: '1234567890', holderName: 'Sari Dewi' },
      });
      expect(w.status).toBe(201);
      expect((await finance.post(`/api/admin/withdrawals/${w.body.id}/approve`)).status).toBe(200);
      ids.push(w.body.id as number);
    }
    const answers = await Promise.all(
      ids.map((id) => finance.post(`/api/admin/withdrawals/${id}/mark-paid`, { reference: 'SAME-REF-1' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expectProblem(refused, 409);
    expect(refused.body.type).toBe(`${P}bank-reference-used`);
  });

  it(`a 409 problem keeps \`status\` as the HTTP code; the domain state goes \
under another member`, async () => {
    const { orderId, buyer, seller } = await makeOrder(t, { upTo: 'paid' });
    const sent = await buyer.post(`/api/v1/orders/${orderId}/resolution-requests`, {
      kind: 'cancel',
      reason: 'buyer_no_longer_needs',
      message: 'I no longer need this, sorry.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    // Resolution request answers are camelCase, like every record.
    expect(sent.body).toHaveProperty('orderId', orderId);
    expect(sent.body).not.toHaveProperty('order_id');
    expect((await seller.post(`/api/v1/resolution-requests/${sent.body.id}/accept`)).status).toBe(200);
    const again = await seller.post(`/api/v1/resolution-requests/${sent.body.id}/accept`);
    expectProblem(again, 409);
  });
});
