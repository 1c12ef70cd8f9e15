import MoneyOffIcon from '@mui/icons-material/MoneyOff';
import { RefundList } from './RefundList';
import { RefundShow } from './RefundShow';

export const refundRequests = { list: RefundList, show: RefundShow, icon: MoneyOffIcon, recordRepresentation: (r: { id: number }) => `#${r.id}` };
