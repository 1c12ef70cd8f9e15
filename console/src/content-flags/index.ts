import ContactPhoneIcon from '@mui/icons-material/ContactPhone';
import { lazyPage } from '../common/lazyPage';

const ContentFlagList = lazyPage(() => import('./ContentFlagList'), 'ContentFlagList');
const ContentFlagShow = lazyPage(() => import('./ContentFlagShow'), 'ContentFlagShow');

export const contentFlags = { list: ContentFlagList, show: ContentFlagShow, icon: ContactPhoneIcon };
