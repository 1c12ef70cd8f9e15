import type { Executor } from '../../../db/schema.js';

export const documentColumns = [
  'id',
  'purpose',
  'filename',
  'content_type as contentType',
  'size',
  'created_at as createdAt',
] as const;

export function portfolioFilesOf(db: Executor, sellerApplicationId: number) {
  return db
    .selectFrom('user_documents')
    .select([...documentColumns])
    .where('seller_application_id', '=', sellerApplicationId)
    .orderBy('id')
    .execute();
}
