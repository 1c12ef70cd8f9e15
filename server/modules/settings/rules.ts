import { z, type ZodType } from 'zod';
import { TICKET_TOPICS, type TicketQueue, type TicketTopic } from '../../../db/schema.js';

/**
 * POL-1: every number the rulebook marks "policy setting", with its default from
 * the rulebook. Percentages are basis points (2000 = 20%) and money is in minor units
 * (MNY-1), so no setting is ever a float.
 */
export type SettingType =
  | 'integer'
  | 'basis_points'
  | 'money'
  | 'days'
  | 'hours'
  | 'minutes'
  | 'business_days'
  | 'date_list'
  /** One value per support ticket topic (SUP-1, SUP-3). */
  | 'topic_map'
  /** 0 or 1: off or on. */
  | 'flag';

export interface SettingDef<T = unknown> {
  key: string;
  type: SettingType;
  default: T;
  rule: string;
  description: string;
  schema: ZodType<T>;
}

const count = z.number().int().min(0).max(1_000_000);
const bp = z.number().int().min(0).max(10_000);
const flag = z.number().int().min(0).max(1);
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'not a real date');
const dateList = z
  .array(isoDate)
  .max(500)
  .transform((l) => [...new Set(l)].sort());

/** SUP-1: where each topic goes unless an admin changes it. */
const TICKET_ROUTING: Record<TicketTopic, TicketQueue> = {
  account_access: 'trust_safety',
  activation_email: 'support',
  payment_problem: 'support',
  duplicate_charge: 'support',
  refund_to_source: 'support',
  completed_order_problem: 'support',
  withdrawal_returned: 'finance',
  blocked_account_funds: 'finance',
  verification: 'trust_safety',
  report_user: 'trust_safety',
  other: 'support',
};

function perTopic(n: number): Record<TicketTopic, number> {
  return Object.fromEntries(TICKET_TOPICS.map((t) => [t, n])) as Record<TicketTopic, number>;
}

/** A value per topic; topics left out keep their default, unknown topics are refused. */
function topicMap<V>(value: ZodType<V>, dflt: Record<TicketTopic, V>): ZodType<Record<TicketTopic, V>> {
  return z.partialRecord(z.enum(TICKET_TOPICS), value).transform((m) => ({ ...dflt, ...m }));
}

function def<const K extends string, T>(
  key: K,
  type: SettingType,
  dflt: T,
  rule: string,
  description: string,
  schema: ZodType<T>,
): SettingDef<T> & { key: K } {
  return { key, type, default: dflt, rule, description, schema };
}

export const SETTING_DEFS = [
  def('commission_bp', 'basis_points', 2000, 'ORD-4', 'Commission taken from an order on completion', bp),
  def(
    'auto_complete_days',
    'days',
    3,
    'ORD-3',
    'A delivered order no one acts on completes after this many days',
    count,
  ),
  def('clearance_days', 'days', 14, 'CLR-1', 'Earnings stay pending this many days after completion', count),
  def('payment_fee_bp', 'basis_points', 290, 'MNY-3', 'Payment provider fee per charge, percentage part', bp),
  def('payment_fee_fixed', 'money', 2000, 'MNY-3', 'Payment provider fee per charge, fixed part (Rp)', money),
  def(
    'cancellation_response_hours',
    'hours',
    48,
    'RES-3',
    'Hours the other party has to answer a cancellation request',
    count,
  ),
  def('update_response_days', 'days', 2, 'RES-4', 'Days a seller has to answer an update request', count),
  def(
    'extension_response_hours',
    'hours',
    48,
    'RES-5',
    'Hours a buyer has to answer an extension request (sources say 48 h or 4 days)',
    count,
  ),
  def(
    'refund_marketplace_fee_bp',
    'basis_points',
    500,
    'REF-5',
    'Marketplace fee kept from a refund to the payment source (000 §9 gives no number)',
    bp,
  ),
  def('refund_sla_business_days', 'business_days', 2, 'REF-4', 'SLA of the refund queue', count),
  def('escalation_sla_business_days', 'business_days', 2, 'RES-7', 'SLA of escalated cancellations', count),
  def('dispute_response_days', 'days', 5, 'DSP-4', 'Days the other party has to respond to a dispute', count),
  def(
    'dispute_arbitration_after_days',
    'days',
    5,
    'DSP-7',
    'Days after opening before arbitration can be requested',
    count,
  ),
  def(
    'dispute_fee_payment_days',
    'days',
    5,
    'DSP-8',
    'Days the other party has to pay the arbitration fee',
    count,
  ),
  def(
    'dispute_sla_business_days',
    'business_days',
    2,
    'OPS-2',
    'SLA of disputes awaiting staff (approval or arbitration)',
    count,
  ),
  def(
    'arbitration_fee_bp',
    'basis_points',
    500,
    'DSP-12',
    'Arbitration fee, percentage of the disputed amount',
    bp,
  ),
  def('arbitration_fee_min', 'money', 50_000, 'DSP-12', 'Arbitration fee, minimum (Rp)', money),
  def(
    'report_sla_business_days',
    'business_days',
    2,
    'WRN-10',
    'SLA of the reports queue (the sources give no number)',
    count,
  ),
  def(
    'seller_application_sla_business_days',
    'business_days',
    3,
    'SEL-2',
    'SLA of the seller application queue',
    count,
  ),
  def(
    'level_window_days',
    'days',
    60,
    'SEL-4',
    'Window of performance that seller levels are computed over',
    count,
  ),
  def(
    'level1_min_completed_orders',
    'integer',
    5,
    'SEL-4',
    'Level 1: completed orders in the window, at least',
    count,
  ),
  def('level1_min_completion_bp', 'basis_points', 9000, 'SEL-4', 'Level 1: completion rate, at least', bp),
  def(
    'level1_min_rating_x100',
    'integer',
    450,
    'SEL-4',
    'Level 1: average rating ×100 (450 = 4.5 stars), at least',
    count,
  ),
  def('level1_min_on_time_bp', 'basis_points', 9000, 'SEL-4', 'Level 1: on-time delivery rate, at least', bp),
  def(
    'level2_min_completed_orders',
    'integer',
    20,
    'SEL-4',
    'Level 2: completed orders in the window, at least',
    count,
  ),
  def('level2_min_completion_bp', 'basis_points', 9500, 'SEL-4', 'Level 2: completion rate, at least', bp),
  def('level2_min_rating_x100', 'integer', 470, 'SEL-4', 'Level 2: average rating ×100, at least', count),
  def('level2_min_on_time_bp', 'basis_points', 9500, 'SEL-4', 'Level 2: on-time delivery rate, at least', bp),
  def(
    'identity_check_sla_business_days',
    'business_days',
    3,
    'ACC-7',
    'SLA of the identity checks queue (no number in the sources; as seller applications)',
    count,
  ),
  def(
    'warning_count_days',
    'days',
    90,
    'WRN-11',
    'Days a warning counts towards suspension and demotion',
    count,
  ),
  def('suspension_days', 'days', 14, 'WRN-4', 'Default length of a suspension', count),
  def(
    'held_release_days',
    'days',
    90,
    'WRN-9',
    'Days after a block before held funds can be paid out',
    count,
  ),
  def('withdrawal_min', 'money', 100_000, 'WDR-1', 'Smallest withdrawal (Rp)', money),
  def('withdrawal_interval_days', 'days', 7, 'WDR-2', 'At most one withdrawal per this many days', count),
  def('withdrawal_sla_business_days', 'business_days', 3, 'WDR-4', 'SLA of the payout queue', count),
  def(
    'payout_warning_flag_days',
    'days',
    30,
    'WDR-4',
    'The payout queue flags a seller warned within this many days',
    count,
  ),
  def(
    'payout_four_eyes_threshold',
    'money',
    10_000_000,
    'WDR-6',
    'Payouts above this need a second finance approver (Rp)',
    money,
  ),
  def(
    'service_review_sla_business_days',
    'business_days',
    1,
    'CAT-1',
    'SLA of the service reviews queue',
    count,
  ),
  def(
    'service_premoderated_levels',
    'integer',
    1,
    'CAT-1',
    'Services of sellers at the lowest this many levels (new, level 1, level 2, top rated) are reviewed' +
      ' before publication; the others after (1 = only new sellers, 0 = nobody, 4 = everybody)',
    z.number().int().min(0).max(4),
  ),
  def(
    'search_weight_relevance_bp',
    'basis_points',
    4000,
    'CAT-4',
    'Search score: weight of text relevance',
    bp,
  ),
  def(
    'search_weight_completion_bp',
    'basis_points',
    2000,
    'CAT-4',
    "Search score: weight of the seller's completion rate over the level window (SEL-5)",
    bp,
  ),
  def(
    'search_weight_rating_bp',
    'basis_points',
    2000,
    'CAT-4',
    "Search score: weight of the seller's rating",
    bp,
  ),
  def(
    'search_weight_on_time_bp',
    'basis_points',
    1000,
    'CAT-4',
    "Search score: weight of the seller's on-time delivery rate",
    bp,
  ),
  def(
    'search_weight_level_bp',
    'basis_points',
    1000,
    'CAT-4',
    "Search score: weight of the seller's level",
    bp,
  ),
  def(
    'search_warning_penalty_bp',
    'basis_points',
    1500,
    'CAT-4',
    'Search score: taken off per active warning of the seller (WRN-11 window)',
    bp,
  ),
  def(
    'invoice_vat_bp',
    'basis_points',
    1100,
    'INV-2',
    'VAT (PPN) included in prices and shown as a tax line on invoices; 0 = no tax line',
    bp,
  ),
  def('review_window_days', 'days', 10, 'RVW-2', 'Days after completion that reviews can be left', count),
  def('tip_window_days', 'days', 7, 'RVW-5', 'Days after completion that a tip can be given', count),
  def(
    'password_reset_minutes',
    'minutes',
    30,
    'ACC-8',
    'A password reset link works this many minutes',
    count,
  ),
  def(
    'email_change_hours',
    'hours',
    24,
    'ACC-9',
    'An email change confirmation link works this many hours (the sources give no number)',
    count,
  ),
  def(
    'email_change_needs_phone_code',
    'flag',
    1,
    'ACC-9',
    'A user with a verified phone also confirms an email change with a code sent to it (1 on, 0 off)',
    flag,
  ),
  def(
    'phone_code_minutes',
    'minutes',
    10,
    'ACC-10',
    'A phone verification code works this many minutes',
    count,
  ),
  def('phone_code_attempts', 'integer', 5, 'ACC-10', 'Wrong tries a phone code allows before it dies', count),
  def(
    'staff_idle_minutes',
    'minutes',
    30,
    'OPS-7',
    'A staff session ends after this many minutes idle',
    count,
  ),
  def(
    'staff_session_hours',
    'hours',
    12,
    'OPS-7',
    'A staff session ends this many hours after sign-in',
    count,
  ),
  def(
    'second_factor_support',
    'flag',
    0,
    'OPS-7',
    'Support staff must sign in with a second factor too (admin and finance always do)',
    flag,
  ),
  def(
    'second_factor_trust_safety',
    'flag',
    0,
    'OPS-7',
    'Trust & safety staff must sign in with a second factor too (admin and finance always do)',
    flag,
  ),
  def(
    'holidays',
    'date_list',
    [
      '2026-01-01',
      '2026-05-01',
      '2026-06-01',
      '2026-08-17',
      '2026-12-25',
      '2027-01-01',
      '2027-05-01',
      '2027-06-01',
      '2027-08-17',
      '2027-12-25',
    ],
    'OPS-2',
    'Public holidays skipped by SLA business days (fixed-date national' +
      ' holidays; add the moving ones each year)',
    dateList,
  ),
  def(
    'ticket_routing',
    'topic_map',
    TICKET_ROUTING,
    'SUP-1',
    'The staff queue each support ticket topic goes to (support, trust_safety or finance)',
    topicMap(z.enum(['support', 'trust_safety', 'finance']), TICKET_ROUTING),
  ),
  def(
    'ticket_first_response_sla_days',
    'topic_map',
    perTopic(1),
    'SUP-3',
    'First-response SLA of a support ticket, in business days, per topic',
    topicMap(count.max(60), perTopic(1)),
  ),
  def(
    'ticket_resolution_sla_days',
    'topic_map',
    perTopic(3),
    'SUP-3',
    'Resolution SLA of a support ticket, in business days, per topic',
    topicMap(count.max(250), perTopic(3)),
  ),
  def(
    'ticket_pending_reminder_days',
    'days',
    5,
    'SUP-2',
    'Days a ticket waits for the user (pending) before they are reminded',
    count,
  ),
  def(
    'ticket_pending_solve_days',
    'days',
    7,
    'SUP-2',
    'Days a ticket waits for the user (pending) before it is solved',
    count,
  ),
  def(
    'ticket_close_days',
    'days',
    4,
    'SUP-2',
    'Days after a ticket is solved that it closes; until then a reply reopens it',
    count,
  ),
  def(
    'support_contact_link_hours',
    'hours',
    24,
    'SUP-1',
    'Hours the confirmation link of the contact form (no sign-in) stays valid',
    count,
  ),
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- settings of every value type in one table
] as const satisfies readonly SettingDef<any>[];

export type SettingKey = (typeof SETTING_DEFS)[number]['key'];
export type Settings = {
  [D in (typeof SETTING_DEFS)[number] as D['key']]: D['default'] extends readonly string[]
    ? string[]
    : D['default'] extends number
      ? number
      : D['default'];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- settings of every value type in one table
export const SETTINGS_BY_KEY = new Map<string, SettingDef<any>>(SETTING_DEFS.map((d) => [d.key, d]));

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTING_DEFS.map((d) => [d.key, d.default])) as Settings;
}
