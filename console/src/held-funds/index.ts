import LockClockIcon from '@mui/icons-material/LockClock';
import { lazyPage } from '../common/lazyPage';

const HeldFundsList = lazyPage(() => import('./HeldFundsList'), 'HeldFundsList');

export const heldFunds = { list: HeldFundsList, icon: LockClockIcon };
