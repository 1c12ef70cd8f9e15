import HowToRegIcon from '@mui/icons-material/HowToReg';
import { lazyPage } from '../common/lazyPage';

const SellerApplicationList = lazyPage(() => import('./SellerApplicationList'), 'SellerApplicationList');
const SellerApplicationShow = lazyPage(() => import('./SellerApplicationShow'), 'SellerApplicationShow');

export const sellerApplications = {
  list: SellerApplicationList,
  show: SellerApplicationShow,
  icon: HowToRegIcon,
  recordRepresentation: (r: { id: number; userName: string }) => `#${r.id} ${r.userName}`,
};
