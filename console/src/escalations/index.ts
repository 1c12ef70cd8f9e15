import { EscalationShow } from './EscalationShow';

/** Case pages only: the list is the combined support queue (support-cases). */
export const escalations = {
  show: EscalationShow,
  recordRepresentation: (r: { id: number; orderTitle: string }) => `#${r.id} ${r.orderTitle}`,
};
