import HistoryIcon from '@mui/icons-material/History';
import PersonSearchIcon from '@mui/icons-material/ManageHistory';
import { AuditLogList } from './AuditLogList';
import { AuditLogShow } from './AuditLogShow';
import { MyActivityList } from './MyActivityList';

export const auditLog = {
  list: AuditLogList,
  show: AuditLogShow,
  icon: HistoryIcon,
  recordRepresentation: (r: { action: string; id: number }) => `${r.action} #${r.id}`,
};
export const myActivity = { list: MyActivityList, icon: PersonSearchIcon };
