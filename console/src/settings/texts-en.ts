export type SettingText = { label: string; description: string };

/** The policy settings' names and descriptions in English (see texts.ts). */
export const SETTING_TEXT_EN: Record<string, SettingText> = {
  commission_bp: { label: 'Commission', description: 'Commission taken from an order on completion.' },
  auto_complete_days: {
    label: 'Automatic completion',
    description: 'A delivered order no one acts on completes after this many days.',
  },
  clearance_days: {
    label: 'Clearance period',
    description: 'Earnings stay pending this long after completion.',
  },
  payment_fee_bp: {
    label: 'Payment fee (percentage)',
    description: 'Payment provider fee per charge, percentage part.',
  },
  payment_fee_fixed: {
    label: 'Payment fee (fixed)',
    description: 'Payment provider fee per charge, fixed part.',
  },
  cancellation_response_hours: {
    label: 'Cancellation answer time',
    description: 'Time the other party has to answer a cancellation request.',
  },
  update_response_days: {
    label: 'Update answer time',
    description: 'Time a seller has to answer an update request.',
  },
  extension_response_hours: {
    label: 'Extension answer time',
    description: 'Time a buyer has to answer an extension request.',
  },
  refund_marketplace_fee_bp: {
    label: 'Refund marketplace fee',
    description: 'Marketplace fee kept from a refund to the payment source.',
  },
  refund_sla_business_days: {
    label: 'Refund queue SLA',
    description: 'Time support has to decide a refund request.',
  },
  escalation_sla_business_days: {
    label: 'Escalation queue SLA',
    description: 'Time support has to decide an escalated cancellation.',
  },
  dispute_response_days: {
    label: 'Dispute answer time',
    description: 'Time the other party has to respond to a dispute.',
  },
  dispute_arbitration_after_days: {
    label: 'Arbitration available after',
    description: 'Time after opening a dispute before arbitration can be requested.',
  },
  dispute_fee_payment_days: {
    label: 'Arbitration fee payment time',
    description: 'Time the other party has to pay the arbitration fee.',
  },
  dispute_sla_business_days: {
    label: 'Dispute queue SLA',
    description: 'Time staff have to act on a dispute awaiting approval or arbitration.',
  },
  arbitration_fee_bp: {
    label: 'Arbitration fee (percentage)',
    description: 'Arbitration fee, share of the disputed amount.',
  },
  arbitration_fee_min: { label: 'Arbitration fee (minimum)', description: 'The smallest arbitration fee.' },
  report_sla_business_days: {
    label: 'Reports queue SLA',
    description: 'Time trust & safety have to decide a report.',
  },
  seller_application_sla_business_days: {
    label: 'Seller application queue SLA',
    description: 'Time trust & safety have to decide a seller application.',
  },
  level_window_days: {
    label: 'Seller level window',
    description: 'The period of performance that seller levels are computed over.',
  },
  level1_min_completed_orders: {
    label: 'Level 1: completed orders',
    description: 'Completed orders in the window a seller needs for level 1, at least.',
  },
  level1_min_completion_bp: {
    label: 'Level 1: completion rate',
    description: 'Completion rate for level 1, at least.',
  },
  level1_min_rating_x100: {
    label: 'Level 1: rating ×100',
    description: 'Average rating ×100 for level 1, at least (450 = 4.5 stars).',
  },
  level1_min_on_time_bp: {
    label: 'Level 1: on-time rate',
    description: 'On-time delivery rate for level 1, at least.',
  },
  level2_min_completed_orders: {
    label: 'Level 2: completed orders',
    description: 'Completed orders in the window a seller needs for level 2, at least.',
  },
  level2_min_completion_bp: {
    label: 'Level 2: completion rate',
    description: 'Completion rate for level 2, at least.',
  },
  level2_min_rating_x100: {
    label: 'Level 2: rating ×100',
    description: 'Average rating ×100 for level 2, at least (470 = 4.7 stars).',
  },
  level2_min_on_time_bp: {
    label: 'Level 2: on-time rate',
    description: 'On-time delivery rate for level 2, at least.',
  },
  identity_check_sla_business_days: {
    label: 'Identity check queue SLA',
    description: 'Time trust & safety have to decide an identity check.',
  },
  warning_count_days: {
    label: 'Warning counting period',
    description: 'How long a warning counts towards suspension and demotion.',
  },
  suspension_days: { label: 'Suspension length', description: 'Default length of a suspension.' },
  held_release_days: {
    label: 'Held funds release',
    description: 'Time after a block before held funds can be paid out.',
  },
  withdrawal_min: { label: 'Smallest withdrawal', description: 'The smallest amount a seller can withdraw.' },
  withdrawal_interval_days: {
    label: 'Withdrawal interval',
    description: 'At most one withdrawal per this period.',
  },
  withdrawal_sla_business_days: {
    label: 'Payout queue SLA',
    description: 'Time finance have to handle a payout.',
  },
  payout_warning_flag_days: {
    label: 'Payout warning flag',
    description: 'The payout queue flags a seller warned within this period.',
  },
  payout_four_eyes_threshold: {
    label: 'Four-eyes threshold',
    description: 'Payouts above this amount need a second finance approver.',
  },
  service_review_sla_business_days: {
    label: 'Service review queue SLA',
    description: 'Time trust & safety have to review a new or changed service.',
  },
  service_premoderated_levels: {
    label: 'Pre-moderated seller levels',
    description:
      'Services of sellers at the lowest this many levels are reviewed before' +
      ' publication, the others after ' +
      '(1 = only new sellers, 0 = nobody, 4 = everybody).',
  },
  search_weight_relevance_bp: {
    label: 'Search: relevance weight',
    description: 'Weight of text relevance in search.',
  },
  search_weight_completion_bp: {
    label: 'Search: completion weight',
    description: "Weight of the seller's completion rate in search.",
  },
  search_weight_rating_bp: {
    label: 'Search: rating weight',
    description: "Weight of the seller's rating in search.",
  },
  search_weight_on_time_bp: {
    label: 'Search: on-time weight',
    description: "Weight of the seller's on-time delivery rate in search.",
  },
  search_weight_level_bp: {
    label: 'Search: level weight',
    description: "Weight of the seller's level in search.",
  },
  search_warning_penalty_bp: {
    label: 'Search: warning penalty',
    description: 'Taken off the search score per active warning of the seller.',
  },
  invoice_vat_bp: {
    label: 'VAT (PPN)',
    description: 'VAT included in prices and shown as a tax line on invoices; 0 means no tax line.',
  },
  review_window_days: {
    label: 'Review window',
    description: 'Time after completion that reviews can be left.',
  },
  tip_window_days: { label: 'Tip window', description: 'Time after completion that a tip can be given.' },
  password_reset_minutes: {
    label: 'Password reset link',
    description: 'How long a password reset link works.',
  },
  email_change_hours: {
    label: 'Email change link',
    description: 'How long an email change confirmation link works.',
  },
  email_change_needs_phone_code: {
    label: 'Email change needs phone code',
    description: 'A user with a verified phone also confirms an email change with a code sent to it.',
  },
  phone_code_minutes: {
    label: 'Phone code validity',
    description: 'How long a phone verification code works.',
  },
  phone_code_attempts: {
    label: 'Phone code attempts',
    description: 'Wrong tries a phone code allows before it dies.',
  },
  staff_idle_minutes: {
    label: 'Staff idle timeout',
    description: 'A staff session ends after this long idle.',
  },
  staff_session_hours: {
    label: 'Staff session length',
    description: 'A staff session ends this long after sign-in.',
  },
  second_factor_support: {
    label: 'Second factor for support',
    description: 'Support staff must sign in with a second factor too (admin and finance always do).',
  },
  second_factor_trust_safety: {
    label: 'Second factor for trust & safety',
    description: 'Trust & safety staff must sign in with a second factor too (admin and finance always do).',
  },
  holidays: {
    label: 'Public holidays',
    description: 'Days skipped by SLA business days; add the moving holidays each year.',
  },
  ticket_routing: {
    label: 'Ticket routing',
    description: 'The staff queue each support ticket topic goes to (support, trust_safety or finance).',
  },
  ticket_first_response_sla_days: {
    label: 'Ticket first-response SLA',
    description: 'First-response SLA of a support ticket, in business days, per topic.',
  },
  ticket_resolution_sla_days: {
    label: 'Ticket resolution SLA',
    description: 'Resolution SLA of a support ticket, in business days, per topic.',
  },
  ticket_pending_reminder_days: {
    label: 'Pending ticket reminder',
    description: 'Time a ticket waits for the user before they are reminded.',
  },
  ticket_pending_solve_days: {
    label: 'Pending ticket solved after',
    description: 'Time a ticket waits for the user before it is solved.',
  },
  ticket_close_days: {
    label: 'Solved ticket closes after',
    description: 'Time after a ticket is solved that it closes; until then a reply reopens it.',
  },
  support_contact_link_hours: {
    label: 'Contact form link',
    description: 'How long the confirmation link of the contact form (no sign-in) stays valid.',
  },
};
