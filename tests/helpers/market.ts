import { expect } from 'vitest';
import type { TestApp, UserClient } from './context.js';
import { trialBalance } from '../../server/modules/ledger/ledger.js';

export const CARD = { source: 'card', cardToken: 'tok_visa' } as const;

/**
 * A seller publishes a service, and (unless `approve: false`) trust & safety approve it, so buyers can
 * order it whatever the seller's level (CAT-1).
 */
export async function publishService(
  seller: UserClient,
  overrides: Record<string, unknown> = {},
  opts: { approve?: boolean } = {},
) {
  const res = await seller.post('/api/v1/services', {
    title: 'Logo design for your shop',
    description: 'A clean, modern logo with three concepts and source files.',
    category: 'graphics_design',
    price: 500_000,
    deliveryDays: 3,
    revisions: 1,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (opts.approve ?? true) await seller.approveService(res.body.id);
  return res.body as { id: number; price: number; status: string; moderation: string };
}

export async function orderService(buyer: UserClient, serviceId: number) {
  const res = await buyer.post(`/api/v1/services/${serviceId}/orders`);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const detail = await buyer.get(`/api/v1/orders/${res.body.id}`);
  return detail.body as { id: number; milestones: { id: number; amount: number }[] };
}

/** A buyer, a seller, a service, an order paid by card and (optionally) delivered. */
export async function makeOrder(
  t: TestApp,
  opts: { price?: number; upTo?: 'placed' | 'paid' | 'delivered' | 'completed' } = {},
) {
  const seller = await t.seller();
  const buyer = await t.user();
  const service = await publishService(seller, opts.price ? { price: opts.price } : {});
  const order = await orderService(buyer, service.id);
  const upTo = opts.upTo ?? 'paid';
  const mid = order.milestones[0]!.id;
  if (upTo !== 'placed')
    expect((await buyer.post(`/api/v1/orders/${order.id}/milestones/${mid}/pay`, CARD)).status).toBe(200);
  if (upTo === 'delivered' || upTo === 'completed')
    expect(
      (await seller.post(`/api/v1/orders/${order.id}/deliveries`, { message: 'Here is the work' })).status,
    ).toBe(201);
  if (upTo === 'completed') expect((await buyer.post(`/api/v1/orders/${order.id}/accept`)).status).toBe(200);
  return { seller, buyer, service, orderId: order.id, milestoneId: mid, amount: order.milestones[0]!.amount };
}

export async function expectLedgerSound(t: TestApp) {
  const tb = await trialBalance(t.ctx.db);
  expect(tb.sum).toBe(0);
  expect(tb.negativeAccounts).toEqual([]);
  expect(tb.driftingAccounts).toEqual([]);
}
