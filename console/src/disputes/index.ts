import GavelIcon from '@mui/icons-material/Gavel';
import { DisputeList } from './DisputeList';
import { DisputeShow } from './DisputeShow';

export const disputes = {
  list: DisputeList,
  show: DisputeShow,
  icon: GavelIcon,
  recordRepresentation: (r: { id: number; orderTitle: string }) => `#${r.id} ${r.orderTitle}`,
};
