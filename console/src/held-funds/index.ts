import LockClockIcon from '@mui/icons-material/LockClock';
import { HeldFundsList } from './HeldFundsList';

export const heldFunds = { list: HeldFundsList, icon: LockClockIcon };
