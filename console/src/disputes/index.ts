import GavelIcon from '@mui/icons-material/Gavel';
import { lazyPage } from '../common/lazyPage';

const DisputeList = lazyPage(() => import('./DisputeList'), 'DisputeList');
const DisputeShow = lazyPage(() => import('./DisputeShow'), 'DisputeShow');

export const disputes = {
  list: DisputeList,
  show: DisputeShow,
  icon: GavelIcon,
  recordRepresentation: (r: { id: number; orderTitle: string }) => `#${r.id} ${r.orderTitle}`,
};
