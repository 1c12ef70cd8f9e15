import RateReviewIcon from '@mui/icons-material/RateReview';
import { lazyPage } from '../common/lazyPage';

const ServiceReviewList = lazyPage(() => import('./ServiceReviewList'), 'ServiceReviewList');
const ServiceReviewShow = lazyPage(() => import('./ServiceReviewShow'), 'ServiceReviewShow');

export const serviceReviews = {
  list: ServiceReviewList,
  show: ServiceReviewShow,
  icon: RateReviewIcon,
  recordRepresentation: 'title',
};
