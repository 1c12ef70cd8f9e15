/**
 * Which test files kill the mutants of each file that `stryker.config.mjs` mutates (issue #21). A run of the
 * whole configured set with the whole suite takes many hours on a small machine (every static mutant runs
 * every related test file), so `npm run test:mutation` runs each file with the test files that exercise it
 * and keeps its result in tests/mutation/results/. A score is then "of these test files": the whole suite
 * could only kill more. Add a test file here when it is written for a file of this list.
 */
export const MUTATION_PLAN: Record<string, readonly string[]> = {
  'server/auth/passwords.ts': ['hardening/passwords'],
  'server/auth/rate-limit.ts': ['hardening/login', 'foundation/user-auth'],
  'server/auth/secret-box.ts': ['foundation/secret-box'],
  'server/auth/session-store.ts': ['accounts/staff-session-store', 'accounts/staff-timeouts'],
  'server/auth/staff-auth.ts': [
    'foundation/staff-auth',
    'accounts/staff',
    'accounts/staff-timeouts',
    'accounts/staff-session-edges',
    'hardening/login',
    'accounts/staff-auth-edges',
  ],
  'server/auth/user-auth.ts': ['foundation/user-auth', 'trust/warnings'],
  'server/auth/user-tokens.ts': [
    'foundation/user-auth',
    'accounts/sessions',
    'hardening/read-cache',
    'hardening/security',
    'accounts/token-cache',
  ],
  'server/http/idempotency.ts': ['hardening/idempotency', 'marketplace/money'],
  'server/http/list.ts': ['foundation/list-search', 'resolution/queue-work'],
  'server/modules/accounts/machine.ts': [
    'trust/warnings',
    'trust/levels',
    'trust/reports',
    'marketplace/accounts',
    'accounts/account-access',
    'foundation/allowed-actions',
  ],
  'server/modules/catalogue/machine.ts': ['marketplace/happy-path', 'foundation/machines'],
  'server/modules/decisions/rules.ts': ['resolution/decisions', 'resolution/case-note-timelines'],
  'server/modules/disputes/machine.ts': ['disputes/disputes'],
  'server/modules/disputes/rules.ts': [
    'disputes/arbitration-properties',
    'boundaries/edges',
    'disputes/disputes',
  ],
  'server/modules/identity/machine.ts': ['trust/identity'],
  'server/modules/invoices/machine.ts': ['catalogue/invoices'],
  'server/modules/invoices/rules.ts': ['catalogue/invoices', 'foundation/time'],
  'server/modules/ledger/ledger.ts': [
    'marketplace/money',
    'hardening/money',
    'marketplace/platform-balances',
    'marketplace/ledger-entries',
  ],
  'server/modules/moderation/machine.ts': ['catalogue/moderation'],
  'server/modules/moderation/rules.ts': ['catalogue/moderation', 'catalogue/search'],
  'server/modules/orders/machine.ts': [
    'marketplace/happy-path',
    'foundation/allowed-actions',
    'marketplace/reviews',
    'resolution/resolution',
    'disputes/disputes',
    'boundaries/access',
  ],
  'server/modules/orders/rules.ts': [
    'marketplace/money',
    'marketplace/reviews',
    'resolution/resolution',
    'boundaries/edges',
  ],
  'server/modules/refunds/machine.ts': ['resolution/refunds'],
  'server/modules/refunds/rules.ts': ['resolution/refunds'],
  'server/modules/resolution/machine.ts': ['resolution/resolution'],
  'server/modules/resolution/rules.ts': ['resolution/request-kinds'],
  'server/modules/sellers/machine.ts': ['marketplace/accounts', 'foundation/allowed-actions'],
  'server/modules/settings/rules.ts': ['foundation/settings', 'foundation/setting-texts'],
  'server/modules/tickets/machine.ts': ['support/tickets'],
  'server/modules/tickets/rules.ts': ['support/tickets'],
  'server/modules/trust/machine.ts': ['trust/reports', 'foundation/allowed-actions'],
  'server/modules/trust/rules.ts': ['trust/warnings', 'boundaries/edges'],
  'server/modules/withdrawals/machine.ts': [
    'finance/withdrawals',
    'finance/payout-batches',
    'finance/bulk-approve',
  ],
  'server/modules/withdrawals/rules.ts': [
    'finance/withdrawals',
    'finance/payout-batches',
    'boundaries/edges',
  ],
  'server/time/business-days.ts': ['foundation/time'],
};

/** `marketplace/money` → `tests/marketplace/money.test.ts`. */
export const testFile = (name: string) => `tests/${name}.test.ts`;
