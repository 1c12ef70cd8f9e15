import TuneIcon from '@mui/icons-material/Tune';
import { SettingList } from './SettingList';
import { SettingEdit } from './SettingEdit';

export const settings = { list: SettingList, edit: SettingEdit, icon: TuneIcon, recordRepresentation: 'id' };
