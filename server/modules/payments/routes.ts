import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { Problem } from '../../http/problem.js';
import { receiveMidtransNotification } from './service.js';
import { latestReconciliation } from './repository.js';

/** What Pasar reads of a Midtrans HTTP notification; other fields are kept with it as sent. */
const midtransNotification = z
  .object({
    order_id: z.string().min(1).max(100),
    transaction_id: z.string().min(1).max(100),
    transaction_status: z.string().min(1).max(40),
    status_code: z.string().min(1).max(10),
    gross_amount: z.string().min(1).max(30),
    signature_key: z.string().min(1).max(200),
    fraud_status: z.string().max(40).optional(),
    refund_amount: z.string().max(30).optional(),
  })
  .loose();

const difference = z.object({
  reference: z.string(),
  providerOrderId: z.string(),
  ours: z.string(),
  provider: z.string(),
  problem: z.string(),
});

export function paymentRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/webhooks/midtrans',
      tag: 'Payments',
      access: access.public,
      summary:
        'Midtrans HTTP notification (PAYMENT_GATEWAY=midtrans): signature_key' +
        ' verified (401 otherwise), each' +
        ' transaction id and status applied once, the amount checked against the charge; settlement pays a' +
        ' bank-transfer milestone, expiry leaves it awaiting payment',
      body: midtransNotification,
      response: z.object({ outcome: z.string() }),
      handler: ({ body }) => {
        if (ctx.config.payments.gateway !== 'midtrans')
          throw new Problem({
            status: 404,
            slug: 'not-found',
            title: 'Not found',
            detail: 'Midtrans is not this marketplace’s payment provider.',
          });
        return receiveMidtransNotification(ctx, ctx.config.payments.serverKey, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/payments/reconciliation',
      tag: 'Payments',
      access: access.staff('finance'),
      summary:
        "The latest daily comparison of the payment provider's transactions with the ledger (MNY-4): what" +
        ' differs, for the finance dashboard',
      response: z.object({
        provider: z.string(),
        ranAt: z.string().nullable(),
        checked: z.number(),
        differences: z.array(difference),
      }),
      handler: async () => {
        const run = await latestReconciliation(ctx.db);
        return {
          provider: run?.provider ?? ctx.config.payments.gateway,
          ranAt: run ? run.ran_at.toISOString() : null,
          checked: run?.checked ?? 0,
          differences: (run?.differences ?? []) as z.infer<typeof difference>[],
        };
      },
    }),
  ];
}
