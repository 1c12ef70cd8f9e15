import { z } from 'zod';
import type { PaymentSource } from './collect.js';

/** How a buyer pays (ORD-2): a card token from the payment form, their credit, or their earnings. */
export const paymentSourceSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('card'),
    cardToken: z.string().regex(/^tok_\w{1,60}$/, 'a card token from the payment form, e.g. tok_visa'),
  }),
  z.object({ source: z.literal('credit') }),
  z.object({ source: z.literal('earnings') }),
]);
export const toSource = (b: z.infer<typeof paymentSourceSchema>): PaymentSource =>
  b.source === 'card' ? { type: 'card', token: b.cardToken } : { type: b.source };
