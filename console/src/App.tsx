import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { resourcesFor } from './roles';
import { Dashboard } from './dashboard/Dashboard';
import { ResetPasswordPage } from './login/ResetPasswordPage';
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
import { LoginPage } from './login/LoginPage';
import { SecurityLayout } from './security/SecurityLayout';
import { SecurityPage } from './security/SecurityPage';
import { BankResultUpload, payoutBatches } from './payout-batches';
import { UserViewPage } from './user-view/UserViewPage';
import { theme } from './common/theme';
import { SearchPage } from './search/SearchPage';

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
