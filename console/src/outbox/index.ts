import MailIcon from '@mui/icons-material/Mail';
import { lazyPage } from '../common/lazyPage';

const OutboxList = lazyPage(() => import('./OutboxList'), 'OutboxList');
const OutboxShow = lazyPage(() => import('./OutboxShow'), 'OutboxShow');

export const outbox = { list: OutboxList, show: OutboxShow, icon: MailIcon, recordRepresentation: 'subject' };
