import type { Database, StaffRole } from '../../../db/schema.js';

/**
 * OPS-6: every staff decision that affects a user, by the name reason templates are kept under
 * (`<case>.<decision>`). The console offers the templates of a dialog's action in its reason field.
 */
export const DECISION_ACTIONS = [
  'refund.approve',
  'refund.approve_partial',
  'refund.reject',
  'escalation.decide',
  'dispute.approve_award',
  'dispute.refuse_award',
  'dispute.arbitration',
  'seller_application.approve',
  'seller_application.reject',
  'seller_application.request_changes',
  'identity_check.approve',
  'identity_check.reject',
  'warning.issue',
  'payout.refuse',
  'payout.fail',
  'report.dismiss',
  'report.warn',
  'report.remove_service',
  'report.block',
  'service_review.approve',
  'service_review.reject',
  'user.block',
  'user.lift_suspension',
] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/**
 * The cases that carry internal notes: their table and the staff role whose queue they are in (OPS-1; admin
 * sees every case).
 */
export const CASE_KINDS = {
  'refund-requests': { table: 'refund_requests', role: 'support' },
  escalations: { table: 'escalations', role: 'support' },
  disputes: { table: 'disputes', role: 'support' },
  withdrawals: { table: 'withdrawals', role: 'finance' },
  reports: { table: 'reports', role: 'trust_safety' },
  'identity-checks': { table: 'identity_checks', role: 'trust_safety' },
  'seller-applications': { table: 'seller_applications', role: 'trust_safety' },
} as const satisfies Record<string, { table: keyof Database; role: StaffRole }>;
export type CaseKind = keyof typeof CASE_KINDS;

/** OPS-1: a staff member reads and writes notes only on the cases of their own queues. */
export const mayNote = (role: StaffRole, kind: CaseKind) =>
  role === 'admin' || CASE_KINDS[kind].role === role;
