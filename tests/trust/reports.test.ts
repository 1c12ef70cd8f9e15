import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/context.js';
import { makeOrder, publishService } from '../helpers/market.js';

const t = useTestApp();
const answers = { happened_in_order: true, asked_to_pay_outside: true, lost_money: false };

describe('reports (WRN-10)', () => {
  it(`WRN-10: users report a service, a seller or a message with a questionnaire; \
it lands in the trust & safety queue with the subject in place`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const msg = (
      await o.seller.post(`/api/v1/orders/${o.orderId}/messages`, {
        body: 'Pay me on my bank account directly, cheaper!',
      })
    ).body;
    const res = await o.buyer.post('/api/v1/reports', {
      subjectType: 'message',
      subjectId: msg.id,
      reason: 'contact_outside_platform',
      answers,
      details: 'Asked to pay outside.',
    });
    expect(res.status).toBe(201);
    const trust = await t.staff('trust_safety');
    const queue = await trust.get('/api/admin/reports');
    expect(queue.body.map((r: { id: number }) => r.id)).toContain(res.body.id);
    const one = await trust.get(`/api/admin/reports/${res.body.id}`);
    expect(one.body).toMatchObject({ subjectType: 'message', subjectUserId: o.seller.id, answers });
    expect(one.body.subject.thread.map((m: { body: string }) => m.body)).toContain(
      'Pay me on my bank account directly, cheaper!',
    );
    expect((await (await t.staff('support')).get('/api/admin/reports')).status).toBe(403);
    // A stranger cannot report a message they cannot see; nobody reports themself; questionnaire required.
    const stranger = await t.user();
    expect(
      (
        await stranger.post('/api/v1/reports', {
          subjectType: 'message',
          subjectId: msg.id,
          reason: 'spam',
          answers,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await o.seller.post('/api/v1/reports', {
          subjectType: 'user',
          subjectId: o.seller.id,
          reason: 'spam',
          answers,
        })
      ).status,
    ).toBe(422);
    expect(
      (await o.buyer.post('/api/v1/reports', { subjectType: 'user', subjectId: o.seller.id, reason: 'spam' }))
        .status,
    ).toBe(400);
  });

  it(`WRN-10: trust & safety dismiss, warn, remove the service or block, each \
with a reason, once`, async () => {
    const seller = await t.seller();
    const buyer = await t.user();
    const svc = await publishService(seller, {
      title: 'Followers for your Instagram',
      description: 'Ten thousand followers delivered in a day, guaranteed.',
    });
    const report = async (subjectType: string, subjectId: number) =>
      (await buyer.post('/api/v1/reports', { subjectType, subjectId, reason: 'scam_or_fraud', answers })).body
        .id as number;
    const trust = await t.staff('trust_safety');
    const r1 = await report('service', svc.id);
    expect(
      (
        await trust.post(`/api/admin/reports/${r1}/remove-service`, {
          reason: 'Fake followers break the terms',
        })
      ).body,
    ).toMatchObject({ status: 'actioned', action: 'remove_service' });
    expect((await buyer.get(`/api/v1/services/${svc.id}`)).status).toBe(404);
    expect((await trust.post(`/api/admin/reports/${r1}/dismiss`, { reason: 'twice' })).status).toBe(409);
    const r2 = await report('user', seller.id);
    expect(
      (
        await trust.post(`/api/admin/reports/${r2}/warn`, {
          reason: 'Misrepresenting a service',
          type: 'misrepresenting_service',
        })
      ).body.effect,
    ).toMatchObject({ consequence: 'reminder' });
    const r3 = await report('user', seller.id);
    expect(
      (
        await trust.post(`/api/admin/reports/${r3}/dismiss`, {
          reason: 'Same complaint, handled in report ' + r2,
        })
      ).body.status,
    ).toBe('dismissed');
    const r4 = await report('user', seller.id);
    expect(
      (await trust.post(`/api/admin/reports/${r4}/block`, { reason: 'Confirmed fraud ring' })).body.effect,
    ).toMatchObject({ status: 'blocked' });
    expect((await seller.get('/api/v1/me')).status).toBe(401);
  });

  it(`WRN-10, WRN-1, WRN-7: the actions offered on a report follow its subject: removing needs a service, \
warning and blocking an account that can still be suspended or blocked; none once decided`, async () => {
    const seller = await t.seller();
    const buyer = await t.user();
    const svc = await publishService(seller);
    const report = async (subjectType: string, subjectId: number) =>
      (await buyer.post('/api/v1/reports', { subjectType, subjectId, reason: 'scam_or_fraud', answers })).body
        .id as number;
    const trust = await t.staff('trust_safety');
    const actions = async (id: number) => (await trust.get(`/api/admin/reports/${id}`)).body.allowedActions;
    const onService = await report('service', svc.id);
    const onUser = await report('user', seller.id);
    const toBlock = await report('user', seller.id);
    expect(await actions(onService)).toEqual(['dismiss', 'warn', 'remove-service', 'block']);
    expect(await actions(onUser)).toEqual(['dismiss', 'warn', 'block']);
    expect(
      (await trust.post(`/api/admin/reports/${toBlock}/block`, { reason: 'Confirmed fraud' })).status,
    ).toBe(200);
    expect(await actions(toBlock)).toEqual([]);
    // The seller is blocked now: no warning or second block is offered on the other reports.
    expect(await actions(onService)).toEqual(['dismiss', 'remove-service']);
    expect(await actions(onUser)).toEqual(['dismiss']);
    const again = await trust.post(`/api/admin/reports/${toBlock}/dismiss`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      type: 'https://pasar.dev/problems/report-decided',
      title: 'Already decided',
      detail: 'This report was actioned already.',
    });
  });
});
