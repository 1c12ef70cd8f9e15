import PaymentsIcon from '@mui/icons-material/Payments';
import { WithdrawalList } from './WithdrawalList';
import { WithdrawalShow } from './WithdrawalShow';

export const withdrawals = {
  list: WithdrawalList,
  show: WithdrawalShow,
  icon: PaymentsIcon,
  recordRepresentation: (r: { id: number; userName: string }) => `#${r.id} ${r.userName}`,
};
