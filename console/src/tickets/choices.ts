export const TOPIC_IDS = [
  'account_access',
  'activation_email',
  'payment_problem',
  'duplicate_charge',
  'refund_to_source',
  'completed_order_problem',
  'withdrawal_returned',
  'blocked_account_funds',
  'verification',
  'report_user',
  'other',
] as const;
export const TOPICS = TOPIC_IDS.map((id) => ({ id, name: `resources.tickets.topic.${id}` }));
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'].map((id) => ({
  id,
  name: `resources.tickets.status.${id}`,
}));
export const QUEUES = ['support', 'trust_safety', 'finance'].map((id) => ({ id, name: `roles.${id}` }));
/** What staff may set, each the transition the server lists in allowedActions. */
export const STAFF_STATUS = [
  { status: 'open', transition: 'staff-open' },
  { status: 'pending', transition: 'staff-pend' },
  { status: 'on_hold', transition: 'staff-hold' },
  { status: 'solved', transition: 'staff-solve' },
] as const;
