import ReceiptIcon from '@mui/icons-material/Receipt';
import { lazyPage } from '../common/lazyPage';

const InvoiceList = lazyPage(() => import('./InvoiceList'), 'InvoiceList');
const InvoiceShow = lazyPage(() => import('./InvoiceShow'), 'InvoiceShow');

export const invoices = {
  list: InvoiceList,
  show: InvoiceShow,
  icon: ReceiptIcon,
  recordRepresentation: 'number',
};
