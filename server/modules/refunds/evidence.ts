import type { Executor } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { DOCUMENT_TYPES, fileUpload, putFile, type StoredFile } from '../../http/uploads.js';
import { camel } from '../../http/camel.js';

/** Multipart `files` (up to 5, 10 MB each, images, PDF or text): 413 / 415 problems otherwise. */
export const evidenceUpload = () => fileUpload({ files: 5 }, DOCUMENT_TYPES, 'evidence file');

export interface EvidenceOwner {
  refundRequestId?: number;
  disputeId?: number;
  orderId: number | null;
  uploadedBy: number;
}

/**
 * Stores uploaded evidence files (503 when the store fails, before anything is recorded). Runs before the
 * transaction that records them, so the rows never point at a missing file.
 */
export async function putEvidence(
  ctx: AppContext,
  files: Express.Multer.File[],
  owner: Pick<EvidenceOwner, 'refundRequestId' | 'disputeId'>,
): Promise<StoredFile[]> {
  const now = ctx.clock.now();
  const folder = `evidence/${owner.disputeId ? `d${owner.disputeId}` : owner.refundRequestId}`;
  const stored = [];
  for (const f of files) stored.push(await putFile(ctx.storage, folder, f, now));
  return stored;
}

/** Records stored evidence files (of a refund request or a dispute) in the caller's transaction. */
export async function recordEvidence(
  ctx: AppContext,
  db: Executor,
  stored: StoredFile[],
  owner: EvidenceOwner,
) {
  if (!stored.length) return [];
  const now = ctx.clock.now();
  return db
    .insertInto('evidence_files')
    .values(
      stored.map((file) => ({
        refund_request_id: owner.refundRequestId ?? null,
        dispute_id: owner.disputeId ?? null,
        order_id: owner.orderId,
        uploaded_by: owner.uploadedBy,
        ...file,
        created_at: now,
      })),
    )
    .returning(['id', 'filename', ...camel('content_type'), 'size', ...camel('created_at')])
    .execute();
}

/** Stores and then records evidence files. */
export async function storeEvidence(ctx: AppContext, files: Express.Multer.File[], owner: EvidenceOwner) {
  return recordEvidence(ctx, ctx.db, await putEvidence(ctx, files, owner), owner);
}
