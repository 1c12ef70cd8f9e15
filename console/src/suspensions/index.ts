import TimerOffIcon from '@mui/icons-material/TimerOff';
import { lazyPage } from '../common/lazyPage';

const SuspensionList = lazyPage(() => import('./SuspensionList'), 'SuspensionList');

export const suspensions = { list: SuspensionList, icon: TimerOffIcon };
