import BadgeIcon from '@mui/icons-material/Badge';
import { lazyPage } from '../common/lazyPage';

const StaffList = lazyPage(() => import('./StaffList'), 'StaffList');
const StaffCreate = lazyPage(() => import('./StaffCreate'), 'StaffCreate');
const StaffEdit = lazyPage(() => import('./StaffEdit'), 'StaffEdit');

export const staff = {
  list: StaffList,
  create: StaffCreate,
  edit: StaffEdit,
  icon: BadgeIcon,
  recordRepresentation: 'name',
};
