import { describe, expect, it } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

/**
 * The lists and windows of `resolution/rules.ts`, in a file of their own: its lists are module constants, so
 * each of their mutants runs every test of the files given to Stryker (issue #21), and these two tests are
 * the ones that read them.
 */
const t = useTestApp();
const HOUR = 3600;

function openReq(client: UserClient, orderId: number, body: object) {
  return client.post(`/api/v1/orders/${orderId}/resolution-requests`, body);
}

describe('the lists and windows of each request kind (RES-1, RES-2, RES-3, RES-4, RES-5)', () => {
  /** RES-1, RES-2: who may send each kind, and its reasons, written out from the rulebook's lists. */
  const KINDS = {
    cancel: {
      senders: ['buyer', 'seller'],
      reasons: [
        'buyer_no_longer_needs',
        'seller_cannot_deliver',
        'requirements_changed',
        'not_as_agreed',
        'ordered_by_mistake',
        'personal_emergency',
        'other',
      ],
    },
    update: { senders: ['buyer'], reasons: ['no_news', 'deadline_close', 'other'] },
    extend_delivery: {
      senders: ['buyer', 'seller'],
      reasons: ['more_time_needed', 'waiting_for_buyer_input', 'scope_grew', 'personal_emergency', 'other'],
    },
    extras: { senders: ['seller'], reasons: ['scope_grew', 'additional_work', 'other'] },
    extra_revisions: { senders: ['seller'], reasons: ['additional_changes', 'other'] },
  } as const;
  const details = { days: 2, price: 100_000, revisions: 1 };

  it(`RES-1, RES-2: every reason of each kind's list is accepted from each party who \
may send it; a reason of another kind's list is refused`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    for (const [kind, { senders, reasons }] of Object.entries(KINDS))
      for (const sender of senders)
        for (const reason of reasons) {
          const res = await openReq(o[sender], o.orderId, { kind, reason, message: 'Please.', ...details });
          expect(res.status, `${sender} ${kind} ${reason}: ${JSON.stringify(res.body)}`).toBe(201);
          // RES-6: withdraw it, so the next one of the same kind is not a second open request (RES-9).
          if (res.body.status === 'open')
            expect((await o[sender].post(`/api/v1/resolution-requests/${res.body.id}/withdraw`)).status).toBe(
              200,
            );
        }
    const wrong = await openReq(o.buyer, o.orderId, {
      kind: 'cancel',
      reason: 'no_news',
      message: 'Please.',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('body.reason');
  });

  it(`RES-3, RES-4, RES-5: each kind is answered within its own setting; extras and \
extra revisions within the extension window`, async () => {
    const admin = await t.staff('admin');
    const put = async (key: string, value: number) =>
      expect((await admin.put(`/api/admin/settings/${key}`, { value, reason: 'test windows' })).status).toBe(
        200,
      );
    const before = Object.fromEntries(
      await Promise.all(
        ['cancellation_response_hours', 'update_response_days', 'extension_response_hours'].map(
          async (k) => [k, (await admin.get(`/api/admin/settings/${k}`)).body.value as number] as const,
        ),
      ),
    );
    // Three windows that differ from each other, so a kind given another kind's window is seen.
    await put('cancellation_response_hours', 30);
    await put('update_response_days', 3);
    await put('extension_response_hours', 20);
    try {
      const o = await makeOrder(t, { upTo: 'paid' });
      const hoursOf = async (client: UserClient, body: object) => {
        const r = (await openReq(client, o.orderId, { message: 'Please.', ...details, ...body })).body;
        return (new Date(r.expiresAt).getTime() - new Date(r.createdAt).getTime()) / (HOUR * 1000);
      };
      expect(await hoursOf(o.seller, { kind: 'cancel', reason: 'other' })).toBe(30);
      expect(await hoursOf(o.buyer, { kind: 'update', reason: 'no_news' })).toBe(3 * 24);
      expect(await hoursOf(o.seller, { kind: 'extend_delivery', reason: 'other' })).toBe(20);
      expect(await hoursOf(o.seller, { kind: 'extras', reason: 'other' })).toBe(20);
      expect(await hoursOf(o.seller, { kind: 'extra_revisions', reason: 'other' })).toBe(20);
    } finally {
      for (const [k, v] of Object.entries(before)) await put(k, v);
    }
  });
});
