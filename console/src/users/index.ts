import PeopleIcon from '@mui/icons-material/People';
import { lazyPage } from '../common/lazyPage';

const UserList = lazyPage(() => import('./UserList'), 'UserList');
const UserShow = lazyPage(() => import('./UserShow'), 'UserShow');

export const users = {
  list: UserList,
  show: UserShow,
  icon: PeopleIcon,
  recordRepresentation: (r: { name: string; username: string }) => `${r.name} (@${r.username})`,
};
