import ShoppingBagIcon from '@mui/icons-material/ShoppingBag';
import { OrderList } from './OrderList';
import { OrderShow } from './OrderShow';

export const orders = {
  list: OrderList,
  show: OrderShow,
  icon: ShoppingBagIcon,
  recordRepresentation: (r: { id: number; title: string }) => `#${r.id} ${r.title}`,
};
