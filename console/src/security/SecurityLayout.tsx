import type { ReactNode } from 'react';
import SecurityIcon from '@mui/icons-material/Security';
import { AppBarSearch } from '../search/AppBarSearch';
import {
  AppBar,
  Layout,
  Logout,
  MenuItemLink,
  Navigate,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useLocation,
} from 'react-admin';
import { KeyboardRows } from '../common/KeyboardRows';

/** The user menu: security (second factor and sessions) and logout. */
function StaffUserMenu() {
  return (
    <UserMenu>
      <MenuItemLink to="/security" primaryText="app.security.title" leftIcon={<SecurityIcon />} />
      <Logout />
    </UserMenu>
  );
}

function StaffAppBar() {
  return (
    // White on the default secondary blue is 3.1:1; the primary blue keeps the title and icons at 4.5:1.
    <AppBar userMenu={<StaffUserMenu />} color="primary">
      <TitlePortal />
      <AppBarSearch />
    </AppBar>
  );
}

/** OPS-7: a staff member who must enrol a second factor is sent to the security page first. */
function EnrolmentGate({ children }: { children: ReactNode }) {
  const { identity } = useGetIdentity();
  const location = useLocation();
  if (identity?.mustEnrol && location.pathname !== '/security') return <Navigate to="/security" replace />;
  return <>{children}</>;
}

export function SecurityLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={StaffAppBar}>
      <KeyboardRows />
      <EnrolmentGate>{children}</EnrolmentGate>
    </Layout>
  );
}
