import BadgeIcon from '@mui/icons-material/Badge';
import { StaffList } from './StaffList';
import { StaffCreate } from './StaffCreate';
import { StaffEdit } from './StaffEdit';

export const staff = {
  list: StaffList,
  create: StaffCreate,
  edit: StaffEdit,
  icon: BadgeIcon,
  recordRepresentation: 'name',
};
