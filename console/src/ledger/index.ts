import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { LedgerEntryList, LedgerEntryShow } from './LedgerEntryList';
import { AccountList } from './AccountList';

export const ledgerEntries = {
  list: LedgerEntryList,
  show: LedgerEntryShow,
  icon: ReceiptLongIcon,
  recordRepresentation: (r: { id: number; kind: string }) => `${r.kind} #${r.id}`,
};
export const accounts = { list: AccountList, icon: AccountBalanceIcon, recordRepresentation: 'code' };
