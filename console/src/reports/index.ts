import FlagIcon from '@mui/icons-material/Flag';
import { lazyPage } from '../common/lazyPage';

const ReportList = lazyPage(() => import('./ReportList'), 'ReportList');
const ReportShow = lazyPage(() => import('./ReportShow'), 'ReportShow');

export const reports = { list: ReportList, show: ReportShow, icon: FlagIcon };
