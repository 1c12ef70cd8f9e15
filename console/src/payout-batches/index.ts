import InventoryIcon from '@mui/icons-material/Inventory2';
import { lazyPage } from '../common/lazyPage';

const PayoutBatchList = lazyPage(() => import('./PayoutBatchList'), 'PayoutBatchList');

export const payoutBatches = {
  list: PayoutBatchList,
  icon: InventoryIcon,
  recordRepresentation: (r: { id: number }) => `#${r.id}`,
};

export const BankResultUpload = lazyPage(() => import('./BankResultUpload'), 'BankResultUpload');
