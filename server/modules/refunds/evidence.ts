import type { AppContext } from '../../context.js';
import { DOCUMENT_TYPES, fileUpload, putFile } from '../../http/uploads.js';

/** Multipart `files` (up to 5, 10 MB each, images, PDF or text): 413 / 415 problems otherwise. */
export const evidenceUpload = () => fileUpload({ files: 5 }, DOCUMENT_TYPES, 'evidence file');

/**
 * Stores uploaded files through the storage interface and records them (evidence of a refund request or a
 * dispute).
 */
export async function storeEvidence(
  ctx: AppContext,
  files: Express.Multer.File[],
  owner: { refundRequestId?: number; disputeId?: number; orderId: number | null; uploadedBy: number },
) {
  const now = ctx.clock.now();
  const stored = [];
  for (const f of files) {
    const file = await putFile(
      ctx.storage,
      `evidence/${owner.disputeId ? `d${owner.disputeId}` : owner.refundRequestId}`,
      f,
    );
    stored.push({
      refund_request_id: owner.refundRequestId ?? null,
      dispute_id: owner.disputeId ?? null,
      order_id: owner.orderId,
      uploaded_by: owner.uploadedBy,
      ...file,
      created_at: now,
    });
  }
  if (!stored.length) return [];
  return ctx.db
    .insertInto('evidence_files')
    .values(stored)
    .returning(['id', 'filename', 'content_type as contentType', 'size', 'created_at as createdAt'])
    .execute();
}
