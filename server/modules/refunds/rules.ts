import { providerFee } from '../payments/gateway.js';
import { basisPoints } from '../../money.js';

/** REF-1..3: reasons from a list. */
export const REFUND_REASONS = [
  'work_not_as_described',
  'seller_not_working_as_agreed',
  'seller_unresponsive',
  'late_delivery',
  'no_longer_needed',
  'charged_twice',
  'other',
] as const;

export interface RefundComputation {
  amount: number;
  paymentFee: number;
  marketplaceFee: number;
  net: number;
}

/**
 * REF-5: a refund to the payment source pays the amount minus the payment fee and the
 * marketplace fee; a refund to credit deducts nothing. The same function computes the
 * preview shown before approval and the postings on approval.
 */
export function refundComputation(
  amount: number,
  destination: 'credit' | 'source',
  s: { payment_fee_bp: number; payment_fee_fixed: number; refund_marketplace_fee_bp: number },
  deductFees = true,
): RefundComputation {
  if (destination === 'credit' || !deductFees)
    return { amount, paymentFee: 0, marketplaceFee: 0, net: amount };
  const paymentFee = Math.min(amount, providerFee(amount, s.payment_fee_bp, s.payment_fee_fixed));
  const marketplaceFee = Math.min(amount - paymentFee, basisPoints(amount, s.refund_marketplace_fee_bp));
  return { amount, paymentFee, marketplaceFee, net: amount - paymentFee - marketplaceFee };
}
