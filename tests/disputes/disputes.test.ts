import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { itOnPostgres, useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder } from '../helpers/market.js';

const t = useTestApp();
const DAY = 86_400;

async function disputed(price = 1_000_000, by: 'buyer' | 'seller' = 'buyer', amount = 200_000) {
  const o = await makeOrder(t, { upTo: 'delivered', price });
  const opener = by === 'buyer' ? o.buyer : o.seller;
  const res = await opener.post(`/api/v1/orders/${o.orderId}/disputes`, {
    milestoneId: o.milestoneId,
    reason: 'The logo is a copy of a stock image.',
    amount,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...o, disputeId: res.body.id as number };
}

/**
 * A dispute the seller answered, 5 days on, with the buyer's request for arbitration and fee paid (DSP-7,
 * DSP-8).
 */
async function finalOffer(price = 1_000_000) {
  const d = await disputed(price);
  await d.seller.post(`/api/v1/disputes/${d.disputeId}/statements`, { text: 'Original work.' });
  await t.advance(5 * DAY);
  expect((await d.buyer.post(`/api/v1/disputes/${d.disputeId}/arbitration`, CARD)).status).toBe(200);
  return d;
}

/** Both fees paid: the dispute is with staff (DSP-10). */
async function inArbitration(price = 1_000_000) {
  const d = await finalOffer(price);
  expect((await d.seller.post(`/api/v1/disputes/${d.disputeId}/arbitration/pay`, CARD)).body.stage).toBe(
    'arbitration',
  );
  return d;
}

describe('disputes (DSP)', () => {
  it(`DSP-1: either party opens a dispute on an escrowed milestone; the amount \
never exceeds the escrow`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 500_000 });
    const tooMuch = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
      milestoneId: o.milestoneId,
      reason: 'Nothing was delivered at all.',
      amount: 500_001,
    });
    expect(tooMuch.status).toBe(422);
    const ok = await o.seller.post(`/api/v1/orders/${o.orderId}/disputes`, {
      milestoneId: o.milestoneId,
      reason: 'The buyer keeps changing the brief.',
      amount: 400_000,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      stage: 'negotiation',
      openerRole: 'seller',
      escrowAmount: 500_000,
      openerAmount: 400_000,
    });
    const unpaid = await makeOrder(t, { upTo: 'placed' });
    expect(
      (
        await unpaid.buyer.post(`/api/v1/orders/${unpaid.orderId}/disputes`, {
          milestoneId: unpaid.milestoneId,
          reason: 'Nothing was delivered at all.',
          amount: 0,
        })
      ).status,
    ).toBe(422);
    const stranger = await t.user();
    expect((await stranger.get(`/api/v1/disputes/${ok.body.id}`)).status).toBe(404);
  });

  it('DSP-2: no route withdraws or cancels a dispute', async () => {
    const d = await disputed();
    for (const res of [
      await d.buyer.delete(`/api/v1/disputes/${d.disputeId}`),
      await d.buyer.post(`/api/v1/disputes/${d.disputeId}/withdraw`),
      await d.buyer.post(`/api/v1/disputes/${d.disputeId}/cancel`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect(t.routes.filter((r) => r.path.includes('disputes') && /withdraw|cancel/.test(r.path))).toEqual([]);
  });

  it(`DSP-3: the workspace is frozen while the dispute is open; a disputed order \
can never be reviewed; profiles count disputes`, async () => {
    const d = await disputed();
    for (const res of [
      await d.buyer.post(`/api/v1/orders/${d.orderId}/accept`),
      await d.buyer.post(`/api/v1/orders/${d.orderId}/revisions`, { message: 'more' }),
      await d.buyer.post(`/api/v1/orders/${d.orderId}/resolution-requests`, {
        kind: 'cancel',
        reason: 'other',
        message: 'cancel it',
      }),
      await d.buyer.post(`/api/v1/orders/${d.orderId}/reviews`, {
        communication: 1,
        asDescribed: 1,
        recommend: 1,
      }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        type: 'https://pasar.dev/problems/order-disputed',
        disputeId: d.disputeId,
      });
    }
    // The 3-day auto-acceptance does not fire on a disputed delivery.
    await t.advance(4 * DAY);
    expect((await d.buyer.get(`/api/v1/orders/${d.orderId}`)).body.status).toBe('delivered');
    const offer = (await d.seller.post(`/api/v1/disputes/${d.disputeId}/offers`, { sellerAmount: 600_000 }))
      .body;
    expect((await d.buyer.post(`/api/v1/disputes/${d.disputeId}/offers/${offer.id}/accept`)).status).toBe(
      200,
    );
    expect(
      (
        await d.buyer.post(`/api/v1/orders/${d.orderId}/reviews`, {
          communication: 5,
          asDescribed: 5,
          recommend: 5,
        })
      ).body.type,
    ).toBe('https://pasar.dev/problems/order-disputed');
    expect((await request(t.app).get(`/api/v1/users/${d.seller.id}`)).body.disputes).toBe(1);
    const support = await t.staff('support');
    expect((await support.get(`/api/admin/users/${d.buyer.id}`)).body.disputeCount).toBe(1);
  });

  it(`DSP-4: no response in 5 days puts a default award before an admin, who \
approves it: the opener's amount is executed`, async () => {
    const d = await disputed(1_000_000, 'buyer', 200_000);
    await t.advance(5 * DAY + 60);
    expect((await d.buyer.get(`/api/v1/disputes/${d.disputeId}`)).body.stage).toBe(
      'awaiting_default_approval',
    );
    const support = await t.staff('support');
    const queue = (await support.get('/api/admin/disputes?range=[0,99]')).body as {
      id: number;
      stage: string;
    }[];
    expect(queue.find((q) => q.id === d.disputeId)).toMatchObject({ stage: 'awaiting_default_approval' });
    // Items awaiting approval come first.
    const firstOther = queue.findIndex((q) => !q.stage.startsWith('awaiting'));
    expect(
      queue.slice(firstOther === -1 ? queue.length : firstOther).some((q) => q.stage.startsWith('awaiting')),
    ).toBe(false);
    const res = await support.post(`/api/admin/disputes/${d.disputeId}/approve-award`, {
      reason: 'No answer in time',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ toBuyer: 800_000, toSeller: 200_000, commission: 40_000 });
    expect((await d.buyer.get('/api/v1/me/balance')).body.credit).toBe(800_000);
    expect((await d.seller.get('/api/v1/me/balance')).body.pending).toBe(160_000);
    expect(
      (await support.post(`/api/admin/disputes/${d.disputeId}/approve-award`, { reason: 'Again' })).status,
    ).toBe(409);
    await expectLedgerSound(t);
  });

  it(`DSP-4: a statement from the other party within 5 days is a response; an \
admin may also refuse a default award`, async () => {
    const a = await disputed();
    await a.seller.post(`/api/v1/disputes/${a.disputeId}/statements`, {
      text: 'The logo is original; here are my sketches.',
    });
    await t.advance(5 * DAY + 60);
    expect((await a.buyer.get(`/api/v1/disputes/${a.disputeId}`)).body.stage).toBe('negotiation');
    const b = await disputed();
    await t.advance(5 * DAY + 60);
    const support = await t.staff('support');
    expect((await support.post(`/api/admin/disputes/${b.disputeId}/refuse-award`, {})).status).toBe(422);
    expect(
      (
        await support.post(`/api/admin/disputes/${b.disputeId}/refuse-award`, {
          reason: 'The seller was on approved leave',
        })
      ).body.stage,
    ).toBe('negotiation');
  });

  it('DSP-5: statements from both parties throughout, in one thread', async () => {
    const d = await disputed();
    await d.seller.post(`/api/v1/disputes/${d.disputeId}/statements`, {
      text: 'My sketches prove it is original.',
    });
    await d.buyer.post(`/api/v1/disputes/${d.disputeId}/statements`, {
      text: 'Reverse image search says otherwise.',
    });
    const withFile = await d.seller
      .upload(`/api/v1/disputes/${d.disputeId}/statements`)
      .field('text', 'Sketch attached.')
      .attach('files', Buffer.from('%PDF-1.4 sketch'), {
        filename: 'sketch.pdf',
        contentType: 'application/pdf',
      });
    expect(withFile.status, JSON.stringify(withFile.body)).toBe(201);
    expect(withFile.body.files).toHaveLength(1);
    const view = (await d.seller.get(`/api/v1/disputes/${d.disputeId}`)).body;
    expect(view.statements.map((s: { authorRole: string }) => s.authorRole)).toEqual([
      'buyer',
      'seller',
      'buyer',
      'seller',
    ]);
    expect(view.evidence.map((f: { filename: string }) => f.filename)).toEqual(['sketch.pdf']);
    const support = await t.staff('support');
    const file = await support.get(`/api/admin/evidence/${view.evidence[0].id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
  });

  it('DSP-6: an accepted offer executes the split at once and closes the dispute', async () => {
    const d = await disputed(1_000_000);
    const offer = (await d.buyer.post(`/api/v1/disputes/${d.disputeId}/offers`, { sellerAmount: 500_000 }))
      .body;
    expect((await d.buyer.post(`/api/v1/disputes/${d.disputeId}/offers/${offer.id}/accept`)).status).toBe(
      403,
    );
    const res = await d.seller.post(`/api/v1/disputes/${d.disputeId}/offers/${offer.id}/accept`);
    expect(res.body).toMatchObject({ toBuyer: 500_000, toSeller: 500_000, commission: 100_000 });
    const view = (await d.buyer.get(`/api/v1/disputes/${d.disputeId}`)).body;
    expect(view).toMatchObject({ stage: 'closed', outcome: 'settled' });
    const order = (await d.buyer.get(`/api/v1/orders/${d.orderId}`)).body;
    expect(order.status).toBe('completed');
    // The seller got a part: the milestone is released, not refunded.
    expect(order.milestones.map((m: { status: string }) => m.status)).toEqual(['released']);
    await expectLedgerSound(t);
  });

  it(`DSP-7, DSP-12: arbitration can be requested from 5 days after opening; the \
fee is 5% with a Rp 50.000 minimum`, async () => {
    const d = await disputed(500_000);
    const early = await d.buyer.post(`/api/v1/disputes/${d.disputeId}/arbitration`, CARD);
    expect(early.status).toBe(422);
    expect(early.body.type).toBe('https://pasar.dev/problems/arbitration-too-early');
    await d.seller.post(`/api/v1/disputes/${d.disputeId}/statements`, { text: 'I disagree with the buyer.' });
    await t.advance(5 * DAY);
    const res = await d.buyer.post(`/api/v1/disputes/${d.disputeId}/arbitration`, CARD);
    expect(res.status).toBe(200);
    expect(res.body.fee).toBe(50_000); // 5% of 500.000 is 25.000 < minimum
    const big = await disputed(4_000_000);
    await big.seller.post(`/api/v1/disputes/${big.disputeId}/statements`, {
      text: 'I disagree with the buyer.',
    });
    await t.advance(5 * DAY);
    expect((await big.seller.post(`/api/v1/disputes/${big.disputeId}/arbitration`, CARD)).body.fee).toBe(
      200_000,
    );
  });

  it(`DSP-8: if the other party does not pay within 5 days, the requester \
receives the escrow and their fee back after an admin approves`, async () => {
    const d = await disputed(1_000_000);
    await d.seller.post(`/api/v1/disputes/${d.disputeId}/statements`, { text: 'The work is original.' });
    await t.advance(5 * DAY);
    await d.seller.post(`/api/v1/disputes/${d.disputeId}/arbitration`, {
      source: 'card',
      cardToken: 'tok_visa',
    });
    await t.advance(5 * DAY + 60);
    expect((await d.seller.get(`/api/v1/disputes/${d.disputeId}`)).body.stage).toBe(
      'awaiting_final_approval',
    );
    const support = await t.staff('support');
    const res = await support.post(`/api/admin/disputes/${d.disputeId}/approve-award`, {
      reason: 'The buyer did not pay the arbitration fee in time',
    });
    expect(res.body).toMatchObject({ toBuyer: 0, toSeller: 1_000_000 });
    expect((await d.seller.get('/api/v1/me/balance')).body).toMatchObject({
      pending: 800_000,
      credit: 50_000,
    });
    await expectLedgerSound(t);
  });

  it('DSP-9: settling by offer during the final-offer stage returns the fee to whoever paid it', async () => {
    const d = await finalOffer(1_000_000);
    const offer = (await d.seller.post(`/api/v1/disputes/${d.disputeId}/offers`, { sellerAmount: 300_000 }))
      .body;
    await d.buyer.post(`/api/v1/disputes/${d.disputeId}/offers/${offer.id}/accept`);
    expect((await d.buyer.get('/api/v1/me/balance')).body.credit).toBe(700_000 + 50_000);
    await expectLedgerSound(t);
  });

  it(`DSP-10, DSP-11: both paid → staff decide a split; the larger share gets its \
fee back, the other fee is revenue`, async () => {
    const d = await finalOffer(1_000_000);
    expect((await d.buyer.post(`/api/v1/disputes/${d.disputeId}/arbitration/pay`, CARD)).status).toBe(409);
    expect((await d.seller.post(`/api/v1/disputes/${d.disputeId}/arbitration/pay`, CARD)).body.stage).toBe(
      'arbitration',
    );
    const support = await t.staff('support');
    expect(
      (
        await support.post(`/api/admin/disputes/${d.disputeId}/decide`, {
          buyerPercent: 70,
          sellerPercent: 20,
          reason: 'x y z',
        })
      ).status,
    ).toBe(400);
    const preview = await support.get(`/api/admin/disputes/${d.disputeId}/preview?buyerPercent=70`);
    expect(preview.body).toMatchObject({
      toBuyer: 700_000,
      toSellerAfterCommission: 240_000,
      commission: 60_000,
      feeReturnedTo: 'buyer',
    });
    const res = await support.post(`/api/admin/disputes/${d.disputeId}/decide`, {
      buyerPercent: 70,
      sellerPercent: 30,
      reason: 'Partly copied; the rest was original work',
    });
    expect(res.status).toBe(200);
    expect((await d.buyer.get('/api/v1/me/balance')).body.credit).toBe(700_000 + 50_000);
    expect((await d.seller.get('/api/v1/me/balance')).body.pending).toBe(240_000);
    expect(
      (
        await support.post(`/api/admin/disputes/${d.disputeId}/decide`, {
          buyerPercent: 50,
          sellerPercent: 50,
          reason: 'again',
        })
      ).status,
    ).toBe(409);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'dispute.decide')
      .where('subject_id', '=', String(d.disputeId))
      .executeTakeFirstOrThrow();
    expect(log.reason).toBe('Partly copied; the rest was original work');
    await expectLedgerSound(t);
  });

  it(`DSP-6, DSP-7, DSP-10: the actions offered on a dispute follow its stage, for each party and \
for staff, and a move out of turn is a 409 that says why`, async () => {
    const d = await disputed(1_000_000);
    const support = await t.staff('support');
    const path = `/api/v1/disputes/${d.disputeId}`;
    const staffPath = `/api/admin/disputes/${d.disputeId}`;
    const offered = async () => ({
      buyer: (await d.buyer.get(path)).body.allowedActions,
      seller: (await d.seller.get(path)).body.allowedActions,
      staff: (await support.get(staffPath)).body.allowedActions,
    });
    const refused = (res: { status: number; body: Record<string, unknown> }) => ({
      status: res.status,
      type: res.body.type,
      title: res.body.title,
      detail: res.body.detail,
      stage: res.body.stage,
    });
    const decide = () =>
      support.post(`${staffPath}/decide`, { buyerPercent: 50, sellerPercent: 50, reason: 'Out of turn' });
    expect(await offered()).toEqual({ buyer: [], seller: [], staff: [] });
    expect(refused(await decide())).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/dispute-stage-conflict',
      title: 'Not possible at this stage',
      detail: 'The dispute is at negotiation; support-decide-arbitration needs arbitration.',
      stage: 'negotiation',
    });
    expect(refused(await d.seller.post(`${path}/arbitration/pay`, CARD))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/dispute-stage-conflict',
      title: 'Not possible at this stage',
      detail: 'The dispute is at negotiation; party-pay-arbitration-fee needs final_offer.',
      stage: 'negotiation',
    });
    expect(refused(await support.post(`${staffPath}/refuse-award`, { reason: 'Nothing yet' }))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/dispute-stage-conflict',
      title: 'Nothing to refuse',
      detail: 'The dispute is at negotiation.',
      stage: 'negotiation',
    });
    // DSP-6: a newer offer replaces the open one, which can no longer be accepted.
    const first = (await d.seller.post(`${path}/offers`, { sellerAmount: 600_000 })).body;
    expect(await offered()).toEqual({ buyer: ['party-accept-offer'], seller: [], staff: [] });
    await d.seller.post(`${path}/offers`, { sellerAmount: 500_000 });
    const stale = await d.buyer.post(`${path}/offers/${first.id}/accept`);
    expect({
      status: stale.status,
      type: stale.body.type,
      title: stale.body.title,
      detail: stale.body.detail,
    }).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/offer-not-open',
      title: 'Offer not open',
      detail: 'This offer is superseded.',
    });
    // DSP-7: after the days since opening, either party may ask for arbitration; then the other pays.
    await t.advance(5 * DAY);
    expect(await offered()).toEqual({
      buyer: ['party-accept-offer', 'party-request-arbitration'],
      seller: ['party-request-arbitration'],
      staff: [],
    });
    expect((await d.buyer.post(`${path}/arbitration`, CARD)).status).toBe(200);
    expect(await offered()).toEqual({
      buyer: ['party-accept-offer'],
      seller: ['party-pay-arbitration-fee'],
      staff: [],
    });
    expect(refused(await decide())).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/dispute-stage-conflict',
      title: 'Not possible at this stage',
      detail: 'The dispute is at final offer; support-decide-arbitration needs arbitration.',
      stage: 'final_offer',
    });
    expect(refused(await d.seller.post(`${path}/arbitration`, CARD))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/dispute-stage-conflict',
      title: 'Not possible at this stage',
      detail:
        'The dispute is at final offer; ' +
        'party-request-arbitration needs negotiation or awaiting_default_approval.',
      stage: 'final_offer',
    });
    expect((await d.seller.post(`${path}/arbitration/pay`, CARD)).body.stage).toBe('arbitration');
    expect(await offered()).toEqual({ buyer: [], seller: [], staff: ['support-decide-arbitration'] });
  });

  it('DSP-11: on an exact 50/50 split neither fee is returned', async () => {
    const d = await inArbitration(1_000_000);
    await (
      await t.staff('support')
    ).post(`/api/admin/disputes/${d.disputeId}/decide`, {
      buyerPercent: 50,
      sellerPercent: 50,
      reason: 'Both sides share the blame',
    });
    expect((await d.buyer.get('/api/v1/me/balance')).body.credit).toBe(500_000);
    const kept = await t.ctx.db
      .selectFrom('journal_entries')
      .select('kind')
      .where('reference', 'like', `dispute:${d.disputeId}:fee:%`)
      .execute();
    expect(kept.map((k) => k.kind)).toEqual(['arbitration-fee-kept', 'arbitration-fee-kept']);
    await expectLedgerSound(t);
  });

  itOnPostgres(
    'DSP-10: two staff deciding the same arbitration at once: one decision, the other 409 (PostgreSQL only)',
    async () => {
      const d = await inArbitration(1_000_000);
      const a = await t.staff('support', 'arb-a@staff.test');
      const b = await t.staff('support', 'arb-b@staff.test');
      const results = await Promise.all([
        a.post(`/api/admin/disputes/${d.disputeId}/decide`, {
          buyerPercent: 70,
          sellerPercent: 30,
          reason: 'Agent A decides',
        }),
        b.post(`/api/admin/disputes/${d.disputeId}/decide`, {
          buyerPercent: 20,
          sellerPercent: 80,
          reason: 'Agent B decides',
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const splits = await t.ctx.db
        .selectFrom('journal_entries')
        .select('id')
        .where('reference', '=', `dispute:${d.disputeId}:split`)
        .execute();
      expect(splits).toHaveLength(1);
      await expectLedgerSound(t);
    },
  );
});
