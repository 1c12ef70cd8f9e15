import { lazyPage } from '../common/lazyPage';

const RefundShow = lazyPage(() => import('./RefundShow'), 'RefundShow');

/** Case pages only: the list is the combined support queue (support-cases). */
export const refundRequests = { show: RefundShow, recordRepresentation: (r: { id: number }) => `#${r.id}` };
