import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { lazyPage } from '../common/lazyPage';

const LedgerEntryList = lazyPage(() => import('./LedgerEntryList'), 'LedgerEntryList');
const LedgerEntryShow = lazyPage(() => import('./LedgerEntryList'), 'LedgerEntryShow');
const AccountList = lazyPage(() => import('./AccountList'), 'AccountList');

export const ledgerEntries = {
  list: LedgerEntryList,
  show: LedgerEntryShow,
  icon: ReceiptLongIcon,
  recordRepresentation: (r: { id: number; kind: string }) => `${r.kind} #${r.id}`,
};
export const accounts = { list: AccountList, icon: AccountBalanceIcon, recordRepresentation: 'code' };
