import type { AppContext } from './context.js';
import type { Executor } from '../db/schema.js';
import { createOrder, deliver, payMilestone, postMessage } from './modules/orders/service.js';
import { leaveReview } from './modules/reviews/service.js';
import { requestOrderRefund } from './modules/refunds/service.js';
import { submitApplication } from './modules/sellers/service.js';
import { buyerAccept } from './modules/orders/service.js';
import { requestWithdrawal } from './modules/withdrawals/service.js';
import { DAY_MS } from './modules/orders/rules.js';

/**
 * Demo marketplace: two sellers with services, and orders in every everyday state
 * (completed and reviewed, delivered, in progress, awaiting payment), made through the
 * same use cases as the API so the ledger is real.
 */
export async function seedMarketplace(ctx: AppContext): Promise<void> {
  const users = await ctx.db.selectFrom('users').select(['id', 'username']).execute();
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  const [budi, sari, rina, agus] = [id('budi'), id('sari'), id('rina'), id('agus')];
  const now = ctx.clock.now();
  await ctx.db.updateTable('users').set({ is_seller: true, bio: 'Designer and translator from Yogyakarta.' }).where('id', 'in', [sari, rina]).execute();
  const services = [
    { seller_id: sari, title: 'Logo design for your online shop', description: 'Three logo concepts, two revisions, vector and PNG files. Batik and modern styles.', category: 'graphics_design', price: 750_000, delivery_days: 3, revisions: 2 },
    { seller_id: sari, title: 'Instagram feed design, 9 posts', description: 'A consistent Instagram feed for your brand with editable Canva templates.', category: 'digital_marketing', price: 450_000, delivery_days: 4, revisions: 1 },
    { seller_id: rina, title: 'English to Indonesian translation', description: 'Accurate translation of documents and websites, up to 2,000 words.', category: 'writing_translation', price: 300_000, delivery_days: 2, revisions: 1 },
    { seller_id: rina, title: 'Company profile website', description: 'A bilingual company profile website with five pages and a contact form.', category: 'programming_tech', price: 4_500_000, delivery_days: 14, revisions: 2 },
  ];
  const ids: number[] = [];
  for (const s of services) ids.push((await ctx.db.insertInto('services').values({ ...s, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id);
  const card = { type: 'card' as const, token: 'tok_visa' };
  const firstMilestone = async (trx: Executor, orderId: number) => (await trx.selectFrom('milestones').select('id').where('order_id', '=', orderId).orderBy('seq').executeTakeFirstOrThrow()).id;

  await ctx.db.transaction().execute(async (trx) => {
    // 1. Completed and reviewed by both.
    const o1 = await createOrder(ctx, trx, { buyerId: budi, sellerId: sari, title: services[0]!.title, serviceId: ids[0], revisions: 2, milestones: [{ title: services[0]!.title, amount: 750_000, days: 3 }] });
    await payMilestone(ctx, trx, budi, o1, await firstMilestone(trx, o1), card);
    await postMessage(ctx, trx, budi, o1, 'Halo Sari, my shop sells batik bags. Earthy colours please.');
    await postMessage(ctx, trx, sari, o1, 'Siap! Three concepts coming up.');
    await deliver(ctx, trx, sari, o1, 'Three concepts attached, with vector files.', ['https://files.pasar.test/demo/logo-concepts.zip']);
    await leaveReview(ctx, trx, budi, o1, { communication: 5, asDescribed: 5, recommend: 5, text: 'Beautiful logo, fast and friendly.' });
    await leaveReview(ctx, trx, sari, o1, { communication: 5, asDescribed: 5, recommend: 5, text: 'Clear brief, quick answers.' });
    // 2. In progress.
    const o2 = await createOrder(ctx, trx, { buyerId: agus, sellerId: rina, title: services[2]!.title, serviceId: ids[2], revisions: 1, milestones: [{ title: services[2]!.title, amount: 300_000, days: 2 }] });
    await payMilestone(ctx, trx, agus, o2, await firstMilestone(trx, o2), card);
    await postMessage(ctx, trx, agus, o2, 'Any progress? The brochure goes to print on Friday.');
    // An open refund request for the support queue (REF-1).
    await requestOrderRefund(ctx, trx, agus, o2, { reason: 'seller_unresponsive', message: 'No answer from the seller for three days and the print deadline is Friday.', destination: 'credit' });
    // 3. Two milestones, the first delivered and waiting for the buyer.
    const o3 = await createOrder(ctx, trx, { buyerId: budi, sellerId: rina, title: services[3]!.title, serviceId: ids[3], revisions: 2, milestones: [{ title: 'Design', amount: 1_500_000, days: 5 }, { title: 'Build and launch', amount: 3_000_000, days: 9 }] });
    await payMilestone(ctx, trx, budi, o3, await firstMilestone(trx, o3), card);
    await deliver(ctx, trx, rina, o3, 'Homepage and inner page designs for review.', []);
    // 4. Awaiting payment.
    await createOrder(ctx, trx, { buyerId: agus, sellerId: sari, title: services[1]!.title, serviceId: ids[1], revisions: 1, milestones: [{ title: services[1]!.title, amount: 450_000, days: 4 }] });
  });
}

/** An open seller application for the trust & safety queue (SEL-1). */
export async function seedApplications(ctx: AppContext): Promise<void> {
  const agus = await ctx.db.selectFrom('users').select('id').where('username', '=', 'agus').executeTakeFirstOrThrow();
  await submitApplication(ctx, agus.id, {
    skills: ['video editing', 'motion graphics'], experience: 'Four years editing product videos for Jakarta online shops.',
    education: 'SMK Multimedia, Bekasi', portfolio: ['https://portfolio.pasar.test/agus/showreel'], about: 'I edit fast and I answer faster.',
  });
}

/**
 * Two sellers with cleared earnings and a payout each in the finance queue (WDR-1..6): the
 * orders are made 20 days in the past through the same use cases, the scheduler clears them
 * as it would have (CLR-1), then the sellers withdraw. Rina's payout is above the four-eyes
 * threshold, so it needs both demo finance users.
 */
export async function seedPayouts(ctx: AppContext): Promise<void> {
  const users = await ctx.db.selectFrom('users').select(['id', 'username']).execute();
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  const [budi, sari, rina] = [id('budi'), id('sari'), id('rina')];
  const past: AppContext = { ...ctx, clock: { now: () => new Date(ctx.clock.now().getTime() - 20 * DAY_MS) } };
  const card = { type: 'card' as const, token: 'tok_visa' };
  await ctx.db.transaction().execute(async (trx) => {
    for (const [seller, title, amount] of [[sari, 'Brand guidelines booklet', 1_500_000], [rina, 'Online shop with payment integration', 15_000_000]] as const) {
      const o = await createOrder(past, trx, { buyerId: budi, sellerId: seller, title, revisions: 1, milestones: [{ title, amount, days: 10 }] });
      const m = await trx.selectFrom('milestones').select('id').where('order_id', '=', o).executeTakeFirstOrThrow();
      await payMilestone(past, trx, budi, o, m.id, card);
      await deliver(past, trx, seller, o, 'Finished and handed over.', []);
      await buyerAccept(past, trx, budi, o);
    }
  });
  await ctx.scheduler.runDue();
  await ctx.db.transaction().execute(async (trx) => {
    await requestWithdrawal(ctx, trx, sari, { amount: 1_000_000, method: { type: 'bank_transfer', bank: 'BCA', accountNumber: '0123456789', holderName: 'Sari Wulandari' } });
    await requestWithdrawal(ctx, trx, rina, { amount: 11_000_000, method: { type: 'bank_transfer', bank: 'Mandiri', accountNumber: '1370012345678', holderName: 'Rina Hartono' } });
  });
}
