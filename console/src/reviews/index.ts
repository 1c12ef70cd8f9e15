import RateReviewIcon from '@mui/icons-material/RateReview';
import { lazyPage } from '../common/lazyPage';

const ReviewList = lazyPage(() => import('./ReviewList'), 'ReviewList');

export const reviews = { list: ReviewList, icon: RateReviewIcon };
