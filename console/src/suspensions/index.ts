import TimerOffIcon from '@mui/icons-material/TimerOff';
import { SuspensionList } from './SuspensionList';

export const suspensions = { list: SuspensionList, icon: TimerOffIcon };
