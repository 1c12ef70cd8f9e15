import GavelIcon from '@mui/icons-material/Gavel';
import { EscalationList, EscalationShow } from './EscalationList';

export const escalations = { list: EscalationList, show: EscalationShow, icon: GavelIcon, recordRepresentation: (r: { id: number; orderTitle: string }) => `#${r.id} ${r.orderTitle}` };
