import ErrorIcon from '@mui/icons-material/ErrorOutlineOutlined';
import { lazyPage } from '../common/lazyPage';

const JobList = lazyPage(() => import('./JobList'), 'JobList');
const JobShow = lazyPage(() => import('./JobShow'), 'JobShow');

export const jobs = { list: JobList, show: JobShow, icon: ErrorIcon, recordRepresentation: 'kind' };
