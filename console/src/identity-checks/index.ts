import BadgeIcon from '@mui/icons-material/Badge';
import { lazyPage } from '../common/lazyPage';

const IdentityCheckList = lazyPage(() => import('./IdentityCheckList'), 'IdentityCheckList');
const IdentityCheckShow = lazyPage(() => import('./IdentityCheckShow'), 'IdentityCheckShow');

export const identityChecks = {
  list: IdentityCheckList,
  show: IdentityCheckShow,
  icon: BadgeIcon,
  recordRepresentation: (r: { id: number; userName: string }) => `#${r.id} ${r.userName}`,
};
