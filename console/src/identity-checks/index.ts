import BadgeIcon from '@mui/icons-material/Badge';
import { IdentityCheckList } from './IdentityCheckList';
import { IdentityCheckShow } from './IdentityCheckShow';

export const identityChecks = {
  list: IdentityCheckList,
  show: IdentityCheckShow,
  icon: BadgeIcon,
  recordRepresentation: (r: { id: number; userName: string }) => `#${r.id} ${r.userName}`,
};
