import HowToRegIcon from '@mui/icons-material/HowToReg';
import { SellerApplicationList } from './SellerApplicationList';
import { SellerApplicationShow } from './SellerApplicationShow';

export const sellerApplications = {
  list: SellerApplicationList,
  show: SellerApplicationShow,
  icon: HowToRegIcon,
  recordRepresentation: (r: { id: number; userName: string }) => `#${r.id} ${r.userName}`,
};
