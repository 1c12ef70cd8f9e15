import InsightsIcon from '@mui/icons-material/Insights';
import { lazyPage } from '../common/lazyPage';

const RevenueReport = lazyPage(() => import('./RevenueReport'), 'RevenueReport');

/** INV-4: a page of its own (no records): the menu entry opens the report. */
export const revenue = { list: RevenueReport, icon: InsightsIcon };
