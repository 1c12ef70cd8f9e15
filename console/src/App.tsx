import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { resourcesFor } from './roles';
import { auditLog, myActivity } from './audit';
import { settings } from './settings';
import { outbox } from './outbox';
import { jobs } from './jobs';
import { staff } from './staff';
import { users } from './users';
import { orders } from './orders';
import { ledgerEntries, accounts } from './ledger';
import { refundRequests } from './refunds';
import { escalations } from './escalations';
import { supportCases } from './support-cases';
import { disputes } from './disputes';
import { sellerApplications } from './seller-applications';
import { withdrawals } from './withdrawals';
import { heldFunds } from './held-funds';
import { identityChecks } from './identity-checks';
import { reports } from './reports';
import { suspensions } from './suspensions';
import { reviews } from './reviews';
import { serviceReviews } from './service-reviews';
import { contentFlags } from './content-flags';
import { invoices } from './invoices';
import { revenue } from './revenue';
import { tickets } from './tickets';
import { ticketMacros } from './ticket-macros';
import { reasonTemplates } from './reason-templates';
import { smsOutbox } from './sms-outbox';
import { SecurityLayout } from './security/SecurityLayout';
import { BankResultUpload, payoutBatches } from './payout-batches';
import { theme } from './common/theme';
import { lazyPage, standalone } from './common/lazyPage';
import { addressOf } from './early';

// Pages other than the resource lists load on first visit too: the dashboard's charts alone are
// bigger than the support queue's whole first screen (issue #15).
const Dashboard = lazy(() => import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));
const SecurityPage = lazyPage(() => import('./security/SecurityPage'), 'SecurityPage');
const UserViewPage = lazyPage(() => import('./user-view/UserViewPage'), 'UserViewPage');
const SearchPage = lazyPage(() => import('./search/SearchPage'), 'SearchPage');
// These two render outside the layout, so they bring their own Suspense boundary.
const LoginPage = standalone(lazyPage(() => import('./login/LoginPage'), 'LoginPage'));
const ResetPasswordPage = standalone(
  lazyPage(() => import('./login/ResetPasswordPage'), 'ResetPasswordPage'),
);

const ALL_RESOURCES = {
  tickets,
  'ticket-macros': ticketMacros,
  'reason-templates': reasonTemplates,
  'support-cases': supportCases,
  disputes,
  'seller-applications': sellerApplications,
  'identity-checks': identityChecks,
  'service-reviews': serviceReviews,
  'content-flags': contentFlags,
  reports,
  suspensions,
  reviews,
  withdrawals,
  'held-funds': heldFunds,
  'payout-batches': payoutBatches,
  invoices,
  revenue,
  'refund-requests': refundRequests,
  escalations,
  users,
  orders,
  'ledger-entries': ledgerEntries,
  accounts,
  staff,
  settings,
  'audit-log': auditLog,
  outbox,
  'sms-outbox': smsOutbox,
  jobs,
  'my-activity': myActivity,
} as const;

type Views = { list?: unknown; show?: unknown; edit?: unknown; create?: unknown };

/**
 * The chunk of the page the address opens, asked for at start-up alongside /me rather than after
 * react-admin has the role and draws the layout (issue #15: the support queue's first rows). A page
 * the role may not open is only downloaded, never shown.
 */
export function preloadPage(hash: string): void {
  const [name, id, action] = addressOf(hash).path.split('/');
  const views = ALL_RESOURCES[name as keyof typeof ALL_RESOURCES] as Views | undefined;
  if (!views) return;
  const view =
    id === undefined || id === ''
      ? views.list
      : id === 'create'
        ? views.create
        : action === 'show'
          ? views.show
          : views.edit;
  const preload = (view as { preload?: () => Promise<unknown> } | undefined)?.preload;
  // A failed early download shows nothing: the page's own render asks again and reports it.
  preload?.().catch(() => undefined);
}

export function App() {
  return (
    <Admin
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      theme={theme}
      dashboard={Dashboard}
      layout={SecurityLayout}
      loginPage={LoginPage}
      title="Pasar"
      requireAuth
      disableTelemetry
    >
      {/* Open to anyone: the staff password reset link of issue #18 lands here before any sign-in. */}
      <CustomRoutes noLayout>
        <Route path="/reset-password" element={<ResetPasswordPage />} />
      </CustomRoutes>
      {(role) => [
        ...resourcesFor(role).map((name) => (
          <Resource key={name} name={name} {...ALL_RESOURCES[name as keyof typeof ALL_RESOURCES]} />
        )),
        <CustomRoutes key="security">
          <Route path="/security" element={<SecurityPage />} />
          <Route path="/payout-results" element={<BankResultUpload />} />
          <Route path="/users/:id/user-view" element={<UserViewPage />} />
          <Route path="/search" element={<SearchPage />} />
        </CustomRoutes>,
      ]}
    </Admin>
  );
}
