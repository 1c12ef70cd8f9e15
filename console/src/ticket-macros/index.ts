import ShortTextIcon from '@mui/icons-material/ShortText';
import { lazyPage } from '../common/lazyPage';

const MacroList = lazyPage(() => import('./MacroPages'), 'MacroList');
const MacroEdit = lazyPage(() => import('./MacroPages'), 'MacroEdit');
const MacroCreate = lazyPage(() => import('./MacroPages'), 'MacroCreate');

/** SUP-5: canned replies in English and Indonesian, kept by admins. */
export const ticketMacros = {
  list: MacroList,
  edit: MacroEdit,
  create: MacroCreate,
  icon: ShortTextIcon,
  recordRepresentation: 'name',
};
