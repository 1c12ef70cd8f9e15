import SmsIcon from '@mui/icons-material/Sms';
import { lazyPage } from '../common/lazyPage';

const SmsOutboxList = lazyPage(() => import('./SmsOutboxList'), 'SmsOutboxList');

export const smsOutbox = { list: SmsOutboxList, icon: SmsIcon, recordRepresentation: 'to' };
