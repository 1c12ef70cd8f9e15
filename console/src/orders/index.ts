import ShoppingBagIcon from '@mui/icons-material/ShoppingBag';
import { lazyPage } from '../common/lazyPage';

const OrderList = lazyPage(() => import('./OrderList'), 'OrderList');
const OrderShow = lazyPage(() => import('./OrderShow'), 'OrderShow');

export const orders = {
  list: OrderList,
  show: OrderShow,
  icon: ShoppingBagIcon,
  recordRepresentation: (r: { id: number; title: string }) => `#${r.id} ${r.title}`,
};
