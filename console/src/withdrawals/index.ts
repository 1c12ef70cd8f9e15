import PaymentsIcon from '@mui/icons-material/Payments';
import { lazyPage } from '../common/lazyPage';

const WithdrawalList = lazyPage(() => import('./WithdrawalList'), 'WithdrawalList');
const WithdrawalShow = lazyPage(() => import('./WithdrawalShow'), 'WithdrawalShow');

export const withdrawals = {
  list: WithdrawalList,
  show: WithdrawalShow,
  icon: PaymentsIcon,
  recordRepresentation: (r: { id: number; userName: string }) => `#${r.id} ${r.userName}`,
};
