import TuneIcon from '@mui/icons-material/Tune';
import { lazyPage } from '../common/lazyPage';

const SettingList = lazyPage(() => import('./SettingList'), 'SettingList');
const SettingEdit = lazyPage(() => import('./SettingEdit'), 'SettingEdit');

export const settings = { list: SettingList, edit: SettingEdit, icon: TuneIcon, recordRepresentation: 'id' };
