import type { Role } from './authProvider';

/**
 * Which resources each role sees (OPS-1). The server enforces the same split on every
 * route; this only keeps each menu to its own sections. Later work adds each role's queues.
 */
export const RESOURCES_BY_ROLE: Record<Role, readonly string[]> = {
  admin: [
    'tickets',
    'support-cases',
    'disputes',
    'seller-applications',
    'identity-checks',
    'service-reviews',
    'content-flags',
    'reports',
    'suspensions',
    'reviews',
    'withdrawals',
    'held-funds',
    'payout-batches',
    'invoices',
    'revenue',
    'refund-requests',
    'escalations',
    'users',
    'orders',
    'ledger-entries',
    'accounts',
    'staff',
    'settings',
    'audit-log',
    'outbox',
    'sms-outbox',
    'jobs',
    'ticket-macros',
    'reason-templates',
    'my-activity',
  ],
  support: [
    'tickets',
    'support-cases',
    'disputes',
    'refund-requests',
    'escalations',
    'users',
    'orders',
    'ledger-entries',
    'my-activity',
  ],
  trust_safety: [
    'tickets',
    'seller-applications',
    'identity-checks',
    'service-reviews',
    'content-flags',
    'reports',
    'suspensions',
    'reviews',
    'users',
    'orders',
    'ledger-entries',
    'my-activity',
  ],
  finance: [
    'tickets',
    'withdrawals',
    'held-funds',
    'payout-batches',
    'invoices',
    'revenue',
    'users',
    'orders',
    'ledger-entries',
    'accounts',
    'my-activity',
  ],
};

export function resourcesFor(role: unknown): readonly string[] {
  return typeof role === 'string' && role in RESOURCES_BY_ROLE ? RESOURCES_BY_ROLE[role as Role] : [];
}
