import MoneyOffIcon from '@mui/icons-material/MoneyOff';
import { SupportCaseList } from './SupportCaseList';

export const supportCases = { list: SupportCaseList, icon: MoneyOffIcon };
