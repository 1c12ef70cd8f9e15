import HistoryIcon from '@mui/icons-material/History';
import PersonSearchIcon from '@mui/icons-material/ManageHistory';
import { lazyPage } from '../common/lazyPage';

const AuditLogList = lazyPage(() => import('./AuditLogList'), 'AuditLogList');
const AuditLogShow = lazyPage(() => import('./AuditLogShow'), 'AuditLogShow');
const MyActivityList = lazyPage(() => import('./MyActivityList'), 'MyActivityList');

export const auditLog = {
  list: AuditLogList,
  show: AuditLogShow,
  icon: HistoryIcon,
  recordRepresentation: (r: { action: string; id: number }) => `${r.action} #${r.id}`,
};
export const myActivity = { list: MyActivityList, icon: PersonSearchIcon };
