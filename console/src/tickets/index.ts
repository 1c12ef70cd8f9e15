import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { lazyPage } from '../common/lazyPage';

const TicketList = lazyPage(() => import('./TicketList'), 'TicketList');
const TicketShow = lazyPage(() => import('./TicketShow'), 'TicketShow');

/** SUP-1..6: the ticket queue of each role and the ticket page. */
export const tickets = {
  list: TicketList,
  show: TicketShow,
  icon: SupportAgentIcon,
  recordRepresentation: (r: { id: number; subject: string }) => `#${r.id} ${r.subject}`,
};
