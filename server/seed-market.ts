import type { AppContext } from './context.js';
import type { Executor } from '../db/schema.js';
import { createOrder, deliver, payMilestone, postMessage } from './modules/orders/service.js';
import { leaveReview } from './modules/reviews/service.js';
import { requestOrderRefund } from './modules/refunds/service.js';
import { openTicket } from './modules/tickets/service.js';
import { submitApplication } from './modules/sellers/service.js';
import { buyerAccept } from './modules/orders/service.js';
import { requestWithdrawal } from './modules/withdrawals/service.js';
import { DAY_MS } from './modules/orders/rules.js';
import { deflateSync } from 'node:zlib';
import { submitIdentityCheck } from './modules/identity/service.js';
import { fileReport } from './modules/trust/reports.js';
import { createRecord } from './machines/apply.js';
import { SERVICE_MACHINE } from './modules/moderation/machine.js';
import { publishService } from './modules/catalogue/service.js';

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
  await ctx.db
    .updateTable('users')
    .set({ is_seller: true, bio: 'Designer and translator from Yogyakarta.' })
    .where('id', 'in', [sari, rina])
    .execute();
  const services = [
    {
      seller_id: sari,
      title: 'Logo design for your online shop',
      description: 'Three logo concepts, two revisions, vector and PNG files. Batik and modern styles.',
      category: 'graphics_design',
      price: 750_000,
      delivery_days: 3,
      revisions: 2,
    },
    {
      seller_id: sari,
      title: 'Instagram feed design, 9 posts',
      description: 'A consistent Instagram feed for your brand with editable Canva templates.',
      category: 'digital_marketing',
      price: 450_000,
      delivery_days: 4,
      revisions: 1,
    },
    {
      seller_id: rina,
      title: 'English to Indonesian translation',
      description: 'Accurate translation of documents and websites, up to 2,000 words.',
      category: 'writing_translation',
      price: 300_000,
      delivery_days: 2,
      revisions: 1,
    },
    {
      seller_id: rina,
      title: 'Company profile website',
      description: 'A bilingual company profile website with five pages and a contact form.',
      category: 'programming_tech',
      price: 4_500_000,
      delivery_days: 14,
      revisions: 2,
    },
  ];
  const ids: number[] = [];
  for (const s of services)
    ids.push(
      // Published before the demo starts: approved (CAT-1).
      (await createRecord(ctx.db, SERVICE_MACHINE, { ...s, created_at: now, updated_at: now }, 'approved'))
        .id,
    );
  const card = { type: 'card' as const, token: 'tok_visa' };
  const firstMilestone = async (trx: Executor, orderId: number) =>
    (
      await trx
        .selectFrom('milestones')
        .select('id')
        .where('order_id', '=', orderId)
        .orderBy('seq')
        .executeTakeFirstOrThrow()
    ).id;

  await ctx.db.transaction().execute(async (trx) => {
    // 1. Completed and reviewed by both.
    const o1 = await createOrder(ctx, trx, {
      buyerId: budi,
      sellerId: sari,
      title: services[0]!.title,
      serviceId: ids[0],
      revisions: 2,
      milestones: [{ title: services[0]!.title, amount: 750_000, days: 3 }],
    });
    await payMilestone(ctx, trx, {
      userId: budi,
      orderId: o1,
      milestoneId: await firstMilestone(trx, o1),
      payment: card,
    });
    await postMessage(ctx, {
      userId: budi,
      orderId: o1,
      body: 'Halo Sari, my shop sells batik bags. Earthy colours please.',
      run: (work) => work(trx),
    });
    await postMessage(ctx, {
      userId: sari,
      orderId: o1,
      body: 'Siap! Three concepts coming up.',
      run: (work) => work(trx),
    });
    await deliver(ctx, {
      userId: sari,
      orderId: o1,
      message: 'Three concepts attached, with vector files.',
      files: ['https://files.pasar.test/demo/logo-concepts.zip'],
      run: (work) => work(trx),
    });
    await leaveReview(
      ctx,
      trx,
      { userId: budi, orderId: o1 },
      {
        communication: 5,
        asDescribed: 5,
        recommend: 5,
        text: 'Beautiful logo, fast and friendly.',
      },
    );
    await leaveReview(
      ctx,
      trx,
      { userId: sari, orderId: o1 },
      {
        communication: 5,
        asDescribed: 5,
        recommend: 5,
        text: 'Clear brief, quick answers.',
      },
    );
    // 2. In progress.
    const o2 = await createOrder(ctx, trx, {
      buyerId: agus,
      sellerId: rina,
      title: services[2]!.title,
      serviceId: ids[2],
      revisions: 1,
      milestones: [{ title: services[2]!.title, amount: 300_000, days: 2 }],
    });
    await payMilestone(ctx, trx, {
      userId: agus,
      orderId: o2,
      milestoneId: await firstMilestone(trx, o2),
      payment: card,
    });
    await postMessage(ctx, {
      userId: agus,
      orderId: o2,
      body: 'Any progress? The brochure goes to print on Friday.',
      run: (work) => work(trx),
    });
    // An open refund request for the support queue (REF-1).
    await requestOrderRefund(ctx, {
      userId: agus,
      orderId: o2,
      input: {
        reason: 'seller_unresponsive',
        message: 'No answer from the seller for three days and the print deadline is Friday.',
        destination: 'credit',
      },
      run: (work) => work(trx),
    });
    // 3. Two milestones, the first delivered and waiting for the buyer.
    const o3 = await createOrder(ctx, trx, {
      buyerId: budi,
      sellerId: rina,
      title: services[3]!.title,
      serviceId: ids[3],
      revisions: 2,
      milestones: [
        { title: 'Design', amount: 1_500_000, days: 5 },
        { title: 'Build and launch', amount: 3_000_000, days: 9 },
      ],
    });
    await payMilestone(ctx, trx, {
      userId: budi,
      orderId: o3,
      milestoneId: await firstMilestone(trx, o3),
      payment: card,
    });
    await deliver(ctx, {
      userId: rina,
      orderId: o3,
      message: 'Homepage and inner page designs for review.',
      files: [],
      run: (work) => work(trx),
    });
    // 4. Awaiting payment.
    await createOrder(ctx, trx, {
      buyerId: agus,
      sellerId: sari,
      title: services[1]!.title,
      serviceId: ids[1],
      revisions: 1,
      milestones: [{ title: services[1]!.title, amount: 450_000, days: 4 }],
    });
  });
}

/** An open seller application for the trust & safety queue (SEL-1). */
export async function seedApplications(ctx: AppContext): Promise<void> {
  const agus = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'agus')
    .executeTakeFirstOrThrow();
  await submitApplication(ctx, agus.id, {
    skills: ['video editing', 'motion graphics'],
    experience: 'Four years editing product videos for Jakarta online shops.',
    education: 'SMK Multimedia, Bekasi',
    portfolio: ['https://portfolio.pasar.test/agus/showreel'],
    about: 'I edit fast and I answer faster.',
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
  const past: AppContext = {
    ...ctx,
    clock: { now: () => new Date(ctx.clock.now().getTime() - 20 * DAY_MS) },
  };
  const card = { type: 'card' as const, token: 'tok_visa' };
  await ctx.db.transaction().execute(async (trx) => {
    for (const [seller, title, amount] of [
      [sari, 'Brand guidelines booklet', 1_500_000],
      [rina, 'Online shop with payment integration', 15_000_000],
    ] as const) {
      const o = await createOrder(past, trx, {
        buyerId: budi,
        sellerId: seller,
        title,
        revisions: 1,
        milestones: [{ title, amount, days: 10 }],
      });
      const m = await trx
        .selectFrom('milestones')
        .select('id')
        .where('order_id', '=', o)
        .executeTakeFirstOrThrow();
      await payMilestone(past, trx, { userId: budi, orderId: o, milestoneId: m.id, payment: card });
      await deliver(past, {
        userId: seller,
        orderId: o,
        message: 'Finished and handed over.',
        files: [],
        run: (work) => work(trx),
      });
      await buyerAccept(past, trx, budi, o);
    }
  });
  await ctx.scheduler.runDue();
  await ctx.db.transaction().execute(async (trx) => {
    await requestWithdrawal(ctx, trx, sari, {
      amount: 1_000_000,
      method: {
        type: 'bank_transfer',
        bank: 'BCA',
        accountNumber: '0123456789',
        holderName: 'Sari Wulandari',
      },
    });
    await requestWithdrawal(ctx, trx, rina, {
      amount: 11_000_000,
      method: {
        type: 'bank_transfer',
        bank: 'Mandiri',
        accountNumber: '1370012345678',
        holderName: 'Rina Hartono',
      },
    });
  });
}

/** A plain PNG of one colour (demo identity photos): signature, IHDR, IDAT, IEND with their CRCs. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Trust & safety demo cases: Sari's identity check (ACC-7) and Agus's report of a service (WRN-10). */
export async function seedTrustCases(ctx: AppContext): Promise<void> {
  const users = await ctx.db.selectFrom('users').select(['id', 'username']).execute();
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  const upload = (name: string, buffer: Buffer) => [
    { originalname: name, mimetype: 'image/png', size: buffer.length, buffer } as Express.Multer.File,
  ];
  await submitIdentityCheck(
    ctx,
    id('sari'),
    upload('ktp-sari.png', solidPng(320, 200, [160, 200, 230])),
    upload('selfie-sari.png', solidPng(200, 240, [230, 200, 170])),
  );
  const service = await ctx.db
    .selectFrom('services')
    .select('id')
    .where('title', '=', 'Company profile website')
    .executeTakeFirstOrThrow();
  // CAT-1, CAT-3: a new service of Rina's waits in the Service reviews queue, with a phone number flagged.
  const rinaUser = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'rina')
    .executeTakeFirstOrThrow();
  await publishService(ctx, rinaUser, {
    title: 'Menu and price list design for cafés',
    description:
      'A menu and price list for your café or warung, print-ready. Questions? WhatsApp me at 0812-3456-7890.',
    category: 'graphics_design',
    price: 350_000,
    deliveryDays: 3,
    revisions: 1,
  });
  await fileReport(ctx, id('agus'), {
    subjectType: 'service',
    subjectId: service.id,
    reason: 'contact_outside_platform',
    answers: { happened_in_order: true, asked_to_pay_outside: true, lost_money: false },
    details: 'The seller asked me on WhatsApp to pay the second milestone by bank transfer, outside Pasar.',
  });
}

/**
 * Two macros (SUP-5) and two open tickets (SUP-1): one in the support queue linked to Agus's order, one in
 * the finance queue from Sari.
 */
export async function seedSupport(ctx: AppContext): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const admin = await trx
      .selectFrom('staff')
      .select('id')
      .where('role', '=', 'admin')
      .orderBy('id')
      .executeTakeFirst();
    await trx
      .insertInto('ticket_macros')
      .values([
        {
          name: 'Checking with the payment provider',
          body_en:
            'Hello {{user.name}}, thank you for writing. We are checking this payment' +
            ' with our payment provider' +
            ' and will write again within one business day.',
          body_id:
            'Halo {{user.name}}, terima kasih sudah menghubungi kami. Kami sedang' +
            ' memeriksa pembayaran ini dengan' +
            ' penyedia pembayaran dan akan menghubungi Anda lagi dalam satu hari kerja.',
          set_status: 'pending',
          add_tag: 'payment',
          created_by: admin?.id ?? null,
          created_at: now,
          updated_at: now,
        },
        {
          name: 'Order problem: resolution centre first',
          body_en:
            'Hello {{user.name}}, about "{{order.title}}": please ask the seller' +
            ' through the resolution centre' +
            ' first; if they do not answer, reply here and we will step in.',
          body_id:
            'Halo {{user.name}}, tentang "{{order.title}}": silakan hubungi penjual' +
            ' lewat Pusat Resolusi terlebih' +
            ' dahulu; jika tidak ada jawaban, balas di sini dan kami akan membantu.',
          set_status: 'solved',
          add_tag: null,
          created_by: admin?.id ?? null,
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    const user = async (email: string) =>
      (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const agus = await user('agus@pasar.test');
    const order = await trx
      .selectFrom('orders')
      .select('id')
      .where('buyer_id', '=', agus)
      .orderBy('id')
      .executeTakeFirst();
    await openTicket(ctx, {
      userId: agus,
      input: {
        topic: 'payment_problem',
        subject: 'Charged but the milestone looks unpaid',
        message: 'My card was charged for the translation order but I am not sure the milestone is paid.',
        orderId: order?.id,
      },
      run: (work) => work(trx),
    });
    await openTicket(ctx, {
      userId: await user('sari@pasar.test'),
      input: {
        topic: 'withdrawal_returned',
        subject: 'When is my payout paid?',
        message: 'I asked for a withdrawal of Rp 1.000.000. When will it reach my bank account?',
      },
      run: (work) => work(trx),
    });
  });
}
