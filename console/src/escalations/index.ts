import { lazyPage } from '../common/lazyPage';

const EscalationShow = lazyPage(() => import('./EscalationShow'), 'EscalationShow');

/** Case pages only: the list is the combined support queue (support-cases). */
export const escalations = {
  show: EscalationShow,
  recordRepresentation: (r: { id: number; orderTitle: string }) => `#${r.id} ${r.orderTitle}`,
};
