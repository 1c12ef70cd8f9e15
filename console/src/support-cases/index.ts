import MoneyOffIcon from '@mui/icons-material/MoneyOff';
import { lazyPage } from '../common/lazyPage';

const SupportCaseList = lazyPage(() => import('./SupportCaseList'), 'SupportCaseList');

export const supportCases = { list: SupportCaseList, icon: MoneyOffIcon };
