import { z } from 'zod';
import type { PaymentSource } from './collect.js';
import { VA_BANKS } from './gateway.js';

/** How a buyer pays (ORD-2): a card token from the payment form, their credit, or their earnings. */
const card = z.object({
  source: z.literal('card'),
  // Sandbox tokens are `tok_…`; Midtrans' card form answers tokens such as `481111-1114-<uuid>`.
  cardToken: z
    .string()
    .regex(/^(tok_\w{1,60}|[\w-]{10,120})$/, 'a card token from the payment form, e.g. tok_visa'),
});
export const paymentSourceSchema = z.discriminatedUnion('source', [
  card,
  z.object({ source: z.literal('credit') }),
  z.object({ source: z.literal('earnings') }),
]);
export const toSource = (b: z.infer<typeof paymentSourceSchema>): PaymentSource =>
  b.source === 'card' ? { type: 'card', token: b.cardToken } : { type: b.source };

/**
 * A milestone may also be paid by bank transfer into a virtual account (where the provider offers it,
 * PAYMENT_GATEWAY=midtrans): it stays awaiting payment until the provider notifies the settlement.
 */
export const milestonePaymentSchema = z.discriminatedUnion('source', [
  ...paymentSourceSchema.options,
  z.object({ source: z.literal('bank_transfer'), bank: z.enum(VA_BANKS) }),
]);
export type MilestonePayment = PaymentSource | { type: 'bank_transfer'; bank: (typeof VA_BANKS)[number] };
export const toMilestonePayment = (b: z.infer<typeof milestonePaymentSchema>): MilestonePayment =>
  b.source === 'bank_transfer' ? { type: 'bank_transfer', bank: b.bank } : toSource(b);
