import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

/** Reviews as staff read them, with the names of their author and subject. */
export function staffReviews(db: Executor) {
  return (
    db
      .selectFrom('reviews')
      // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
      .leftJoin('users as author', 'author.id', 'reviews.author_id')
      .leftJoin('users as subject', 'subject.id', 'reviews.subject_id')
      .select([
        'reviews.id',
        ...camel('reviews.order_id', 'reviews.author_id'),
        'author.name as authorName',
        ...camel('reviews.subject_id'),
        'subject.name as subjectName',
        ...camel('reviews.author_role'),
        'reviews.communication',
        ...camel('reviews.as_described'),
        'reviews.recommend',
        'reviews.text',
        ...camel('reviews.created_at', 'reviews.removed_at', 'reviews.removed_reason'),
      ])
  );
}
