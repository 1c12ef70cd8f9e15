import NotesIcon from '@mui/icons-material/Notes';
import { lazyPage } from '../common/lazyPage';

const ReasonTemplateList = lazyPage(() => import('./ReasonTemplatePages'), 'ReasonTemplateList');
const ReasonTemplateEdit = lazyPage(() => import('./ReasonTemplatePages'), 'ReasonTemplateEdit');
const ReasonTemplateCreate = lazyPage(() => import('./ReasonTemplatePages'), 'ReasonTemplateCreate');

/** OPS-6: reason templates per decision, in English and Indonesian, kept by admins. */
export const reasonTemplates = {
  list: ReasonTemplateList,
  edit: ReasonTemplateEdit,
  create: ReasonTemplateCreate,
  icon: NotesIcon,
  recordRepresentation: 'name',
};
