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
  // zod's calendar check: Date.parse rolled 2026-02-30 over to 2 March and let it through.
  .pipe(z.iso.date('not a real date'));
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
  {
    type,
    default: dflt,
    rule,
    description,
    schema,
  }: { type: SettingType; default: T; rule: string; description: string; schema: ZodType<T> },
): SettingDef<T> & { key: K } {
  return { key, type, default: dflt, rule, description, schema };
}

export const SETTING_DEFS = [
  def('commission_bp', {
    type: 'basis_points',
    default: 2000,
    rule: 'ORD-4',
    description: 'Commission taken from an order on completion',
    schema: bp,
  }),
  def('auto_complete_days', {
    type: 'days',
    default: 3,
    rule: 'ORD-3',
    description: 'A delivered order no one acts on completes after this many days',
    schema: count,
  }),
  def('clearance_days', {
    type: 'days',
    default: 14,
    rule: 'CLR-1',
    description: 'Earnings stay pending this many days after completion',
    schema: count,
  }),
  def('payment_fee_bp', {
    type: 'basis_points',
    default: 290,
    rule: 'MNY-3',
    description: 'Payment provider fee per charge, percentage part',
    schema: bp,
  }),
  def('payment_fee_fixed', {
    type: 'money',
    default: 2000,
    rule: 'MNY-3',
    description: 'Payment provider fee per charge, fixed part (Rp)',
    schema: money,
  }),
  def('cancellation_response_hours', {
    type: 'hours',
    default: 48,
    rule: 'RES-3',
    description: 'Hours the other party has to answer a cancellation request',
    schema: count,
  }),
  def('update_response_days', {
    type: 'days',
    default: 2,
    rule: 'RES-4',
    description: 'Days a seller has to answer an update request',
    schema: count,
  }),
  def('extension_response_hours', {
    type: 'hours',
    default: 48,
    rule: 'RES-5',
    description: 'Hours a buyer has to answer an extension request (sources say 48 h or 4 days)',
    schema: count,
  }),
  def('refund_marketplace_fee_bp', {
    type: 'basis_points',
    default: 500,
    rule: 'REF-5',
    description: 'Marketplace fee kept from a refund to the payment source (000 §9 gives no number)',
    schema: bp,
  }),
  def('refund_sla_business_days', {
    type: 'business_days',
    default: 2,
    rule: 'REF-4',
    description: 'SLA of the refund queue',
    schema: count,
  }),
  def('escalation_sla_business_days', {
    type: 'business_days',
    default: 2,
    rule: 'RES-7',
    description: 'SLA of escalated cancellations',
    schema: count,
  }),
  def('dispute_response_days', {
    type: 'days',
    default: 5,
    rule: 'DSP-4',
    description: 'Days the other party has to respond to a dispute',
    schema: count,
  }),
  def('dispute_arbitration_after_days', {
    type: 'days',
    default: 5,
    rule: 'DSP-7',
    description: 'Days after opening before arbitration can be requested',
    schema: count,
  }),
  def('dispute_fee_payment_days', {
    type: 'days',
    default: 5,
    rule: 'DSP-8',
    description: 'Days the other party has to pay the arbitration fee',
    schema: count,
  }),
  def('dispute_sla_business_days', {
    type: 'business_days',
    default: 2,
    rule: 'OPS-2',
    description: 'SLA of disputes awaiting staff (approval or arbitration)',
    schema: count,
  }),
  def('arbitration_fee_bp', {
    type: 'basis_points',
    default: 500,
    rule: 'DSP-12',
    description: 'Arbitration fee, percentage of the disputed amount',
    schema: bp,
  }),
  def('arbitration_fee_min', {
    type: 'money',
    default: 50_000,
    rule: 'DSP-12',
    description: 'Arbitration fee, minimum (Rp)',
    schema: money,
  }),
  def('report_sla_business_days', {
    type: 'business_days',
    default: 2,
    rule: 'WRN-10',
    description: 'SLA of the reports queue (the sources give no number)',
    schema: count,
  }),
  def('seller_application_sla_business_days', {
    type: 'business_days',
    default: 3,
    rule: 'SEL-2',
    description: 'SLA of the seller application queue',
    schema: count,
  }),
  def('level_window_days', {
    type: 'days',
    default: 60,
    rule: 'SEL-4',
    description: 'Window of performance that seller levels are computed over',
    schema: count,
  }),
  def('level1_min_completed_orders', {
    type: 'integer',
    default: 5,
    rule: 'SEL-4',
    description: 'Level 1: completed orders in the window, at least',
    schema: count,
  }),
  def('level1_min_completion_bp', {
    type: 'basis_points',
    default: 9000,
    rule: 'SEL-4',
    description: 'Level 1: completion rate, at least',
    schema: bp,
  }),
  def('level1_min_rating_x100', {
    type: 'integer',
    default: 450,
    rule: 'SEL-4',
    description: 'Level 1: average rating ×100 (450 = 4.5 stars), at least',
    schema: count,
  }),
  def('level1_min_on_time_bp', {
    type: 'basis_points',
    default: 9000,
    rule: 'SEL-4',
    description: 'Level 1: on-time delivery rate, at least',
    schema: bp,
  }),
  def('level2_min_completed_orders', {
    type: 'integer',
    default: 20,
    rule: 'SEL-4',
    description: 'Level 2: completed orders in the window, at least',
    schema: count,
  }),
  def('level2_min_completion_bp', {
    type: 'basis_points',
    default: 9500,
    rule: 'SEL-4',
    description: 'Level 2: completion rate, at least',
    schema: bp,
  }),
  def('level2_min_rating_x100', {
    type: 'integer',
    default: 470,
    rule: 'SEL-4',
    description: 'Level 2: average rating ×100, at least',
    schema: count,
  }),
  def('level2_min_on_time_bp', {
    type: 'basis_points',
    default: 9500,
    rule: 'SEL-4',
    description: 'Level 2: on-time delivery rate, at least',
    schema: bp,
  }),
  def('identity_check_sla_business_days', {
    type: 'business_days',
    default: 3,
    rule: 'ACC-7',
    description: 'SLA of the identity checks queue (no number in the sources; as seller applications)',
    schema: count,
  }),
  def('warning_count_days', {
    type: 'days',
    default: 90,
    rule: 'WRN-11',
    description: 'Days a warning counts towards suspension and demotion',
    schema: count,
  }),
  def('suspension_days', {
    type: 'days',
    default: 14,
    rule: 'WRN-4',
    description: 'Default length of a suspension',
    schema: count,
  }),
  def('held_release_days', {
    type: 'days',
    default: 90,
    rule: 'WRN-9',
    description: 'Days after a block before held funds can be paid out',
    schema: count,
  }),
  def('withdrawal_min', {
    type: 'money',
    default: 100_000,
    rule: 'WDR-1',
    description: 'Smallest withdrawal (Rp)',
    schema: money,
  }),
  def('withdrawal_interval_days', {
    type: 'days',
    default: 7,
    rule: 'WDR-2',
    description: 'At most one withdrawal per this many days',
    schema: count,
  }),
  def('withdrawal_sla_business_days', {
    type: 'business_days',
    default: 3,
    rule: 'WDR-4',
    description: 'SLA of the payout queue',
    schema: count,
  }),
  def('payout_warning_flag_days', {
    type: 'days',
    default: 30,
    rule: 'WDR-4',
    description: 'The payout queue flags a seller warned within this many days',
    schema: count,
  }),
  def('payout_four_eyes_threshold', {
    type: 'money',
    default: 10_000_000,
    rule: 'WDR-6',
    description: 'Payouts above this need a second finance approver (Rp)',
    schema: money,
  }),
  def('service_review_sla_business_days', {
    type: 'business_days',
    default: 1,
    rule: 'CAT-1',
    description: 'SLA of the service reviews queue',
    schema: count,
  }),
  def('service_premoderated_levels', {
    type: 'integer',
    default: 1,
    rule: 'CAT-1',
    description:
      'Services of sellers at the lowest this many levels (new, level 1, level 2, top rated) are reviewed' +
      ' before publication; the others after (1 = only new sellers, 0 = nobody, 4 = everybody)',
    schema: z.number().int().min(0).max(4),
  }),
  def('search_weight_relevance_bp', {
    type: 'basis_points',
    default: 4000,
    rule: 'CAT-4',
    description: 'Search score: weight of text relevance',
    schema: bp,
  }),
  def('search_weight_completion_bp', {
    type: 'basis_points',
    default: 2000,
    rule: 'CAT-4',
    description: "Search score: weight of the seller's completion rate over the level window (SEL-5)",
    schema: bp,
  }),
  def('search_weight_rating_bp', {
    type: 'basis_points',
    default: 2000,
    rule: 'CAT-4',
    description: "Search score: weight of the seller's rating",
    schema: bp,
  }),
  def('search_weight_on_time_bp', {
    type: 'basis_points',
    default: 1000,
    rule: 'CAT-4',
    description: "Search score: weight of the seller's on-time delivery rate",
    schema: bp,
  }),
  def('search_weight_level_bp', {
    type: 'basis_points',
    default: 1000,
    rule: 'CAT-4',
    description: "Search score: weight of the seller's level",
    schema: bp,
  }),
  def('search_warning_penalty_bp', {
    type: 'basis_points',
    default: 1500,
    rule: 'CAT-4',
    description: 'Search score: taken off per active warning of the seller (WRN-11 window)',
    schema: bp,
  }),
  def('invoice_vat_bp', {
    type: 'basis_points',
    default: 1100,
    rule: 'INV-2',
    description: 'VAT (PPN) included in prices and shown as a tax line on invoices; 0 = no tax line',
    schema: bp,
  }),
  def('review_window_days', {
    type: 'days',
    default: 10,
    rule: 'RVW-2',
    description: 'Days after completion that reviews can be left',
    schema: count,
  }),
  def('tip_window_days', {
    type: 'days',
    default: 7,
    rule: 'RVW-5',
    description: 'Days after completion that a tip can be given',
    schema: count,
  }),
  def('password_reset_minutes', {
    type: 'minutes',
    default: 30,
    rule: 'ACC-8',
    description: 'A password reset link works this many minutes',
    schema: count,
  }),
  def('email_change_hours', {
    type: 'hours',
    default: 24,
    rule: 'ACC-9',
    description: 'An email change confirmation link works this many hours (the sources give no number)',
    schema: count,
  }),
  def('email_change_needs_phone_code', {
    type: 'flag',
    default: 1,
    rule: 'ACC-9',
    description:
      'A user with a verified phone also confirms an email change with a code sent to it (1 on, 0 off)',
    schema: flag,
  }),
  def('phone_code_minutes', {
    type: 'minutes',
    default: 10,
    rule: 'ACC-10',
    description: 'A phone verification code works this many minutes',
    schema: count,
  }),
  def('phone_code_attempts', {
    type: 'integer',
    default: 5,
    rule: 'ACC-10',
    description: 'Wrong tries a phone code allows before it dies',
    schema: count,
  }),
  def('staff_idle_minutes', {
    type: 'minutes',
    default: 30,
    rule: 'OPS-7',
    description: 'A staff session ends after this many minutes idle',
    schema: count,
  }),
  def('staff_session_hours', {
    type: 'hours',
    default: 12,
    rule: 'OPS-7',
    description: 'A staff session ends this many hours after sign-in',
    schema: count,
  }),
  def('second_factor_support', {
    type: 'flag',
    default: 0,
    rule: 'OPS-7',
    description: 'Support staff must sign in with a second factor too (admin and finance always do)',
    schema: flag,
  }),
  def('second_factor_trust_safety', {
    type: 'flag',
    default: 0,
    rule: 'OPS-7',
    description: 'Trust & safety staff must sign in with a second factor too (admin and finance always do)',
    schema: flag,
  }),
  def('holidays', {
    type: 'date_list',
    default: [
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
    rule: 'OPS-2',
    description:
      'Public holidays skipped by SLA business days (fixed-date national' +
      ' holidays; add the moving ones each year)',
    schema: dateList,
  }),
  def('ticket_routing', {
    type: 'topic_map',
    default: TICKET_ROUTING,
    rule: 'SUP-1',
    description: 'The staff queue each support ticket topic goes to (support, trust_safety or finance)',
    schema: topicMap(z.enum(['support', 'trust_safety', 'finance']), TICKET_ROUTING),
  }),
  def('ticket_first_response_sla_days', {
    type: 'topic_map',
    default: perTopic(1),
    rule: 'SUP-3',
    description: 'First-response SLA of a support ticket, in business days, per topic',
    schema: topicMap(count.max(60), perTopic(1)),
  }),
  def('ticket_resolution_sla_days', {
    type: 'topic_map',
    default: perTopic(3),
    rule: 'SUP-3',
    description: 'Resolution SLA of a support ticket, in business days, per topic',
    schema: topicMap(count.max(250), perTopic(3)),
  }),
  def('ticket_pending_reminder_days', {
    type: 'days',
    default: 5,
    rule: 'SUP-2',
    description: 'Days a ticket waits for the user (pending) before they are reminded',
    schema: count,
  }),
  def('ticket_pending_solve_days', {
    type: 'days',
    default: 7,
    rule: 'SUP-2',
    description: 'Days a ticket waits for the user (pending) before it is solved',
    schema: count,
  }),
  def('ticket_close_days', {
    type: 'days',
    default: 4,
    rule: 'SUP-2',
    description: 'Days after a ticket is solved that it closes; until then a reply reopens it',
    schema: count,
  }),
  def('support_contact_link_hours', {
    type: 'hours',
    default: 24,
    rule: 'SUP-1',
    description: 'Hours the confirmation link of the contact form (no sign-in) stays valid',
    schema: count,
  }),
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
