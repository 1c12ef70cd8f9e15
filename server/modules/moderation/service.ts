import type { Transaction } from 'kysely';
import type { Database, InTransaction, Moderation, SellerLevel, ServiceStatus } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { createRecord } from '../../machines/apply.js';
import { problems } from '../../http/problem.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { settingsAt } from '../settings/repository.js';
import { slaDueAt } from '../settings/sla.js';
import { issueWarning } from '../trust/service.js';
import { flagContacts } from './flags.js';
import {
  SERVICE_REVIEW_MACHINE,
  checkServiceDecision,
  decideFlag,
  decideServiceReview,
  decideStagedEdit,
} from './machine.js';
import { moderationFor, type ServiceRejectionReason } from './rules.js';

type Trx = Transaction<Database>;

/** CAT-1: how a new or edited service of a seller at `level` is moderated, by the policy in force now. */
export async function moderationNow(trx: Trx, now: Date, level: SellerLevel): Promise<Moderation> {
  const s = await settingsAt(trx, now);
  return moderationFor(level, s.service_premoderated_levels);
}

export interface ServiceForReview {
  id: number;
  seller_id: number;
  title: string;
  description: string;
  category: string;
  price: number;
}

/** CAT-1: the open review of a service (one at most), locked: its edits and its decision wait for it. */
export async function openReview(trx: Trx, serviceId: number) {
  return trx
    .selectFrom('service_reviews')
    .select(['id', 'changed', 'flags', 'snapshot'])
    .where('service_id', '=', serviceId)
    .where('status', '=', 'open')
    .forNoKeyUpdate()
    .executeTakeFirst();
}
export type OpenReview = Awaited<ReturnType<typeof openReview>>;

/**
 * CAT-1: the text of an approved service's open review (a pre-moderated edit waiting for trust & safety),
 * or undefined when none waits.
 */
export function pendingVersion(open: OpenReview) {
  return open ? (open.snapshot as Omit<ServiceForReview, 'id' | 'seller_id'>) : undefined;
}

/**
 * CAT-1: puts a new or edited service in the Service reviews queue: one open review per service (an edit
 * while it waits updates what it shows and keeps its SLA). Contact details in the changed text are
 * flagged (CAT-3) and raise the review in the queue.
 */
export interface ServiceReviewRequest {
  service: ServiceForReview;
  kind: 'new' | 'edit';
  /** The reviewed fields that changed. */
  changed: string[];
  moderation: Moderation;
  /** The open review when the caller has read it already (`openReview`; null: there is none). */
  known?: OpenReview | null;
}

export async function queueServiceReview(
  ctx: AppContext,
  trx: Trx,
  now: Date,
  { service: s, kind, changed, moderation, known }: ServiceReviewRequest,
) {
  const snapshot = JSON.stringify({
    title: s.title,
    description: s.description,
    category: s.category,
    price: s.price,
  });
  const open = known === undefined ? await openReview(trx, s.id) : (known ?? undefined);
  let reviewId: number;
  if (open) {
    reviewId = open.id;
    await trx
      .updateTable('service_reviews')
      .set({
        snapshot,
        changed: JSON.stringify([...new Set([...open.changed, ...changed])]),
        moderation,
        updated_at: now,
      })
      .where('id', '=', open.id)
      .execute();
  } else {
    const row = await createRecord(trx, SERVICE_REVIEW_MACHINE, {
      service_id: s.id,
      seller_id: s.seller_id,
      kind,
      moderation,
      snapshot,
      changed: JSON.stringify(changed),
      sla_due_at: await slaDueAt(trx, ctx.config.timezone, now, 'service_review_sla_business_days'),
      assigned_to: null,
      assigned_at: null,
      reason_code: null,
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    });
    reviewId = row.id;
  }
  let found = 0;
  for (const field of ['title', 'description'] as const)
    if (kind === 'new' || changed.includes(field))
      found += (
        await flagContacts(trx, now, {
          subjectType: 'service',
          subjectId: s.id,
          userId: s.seller_id,
          field,
          text: s[field],
          serviceReviewId: reviewId,
        })
      ).length;
  if (found)
    await trx
      .updateTable('service_reviews')
      .set((eb) => ({ flags: eb('flags', '+', found) }))
      .where('id', '=', reviewId)
      .execute();
  return reviewId;
}

/**
 * CAT-1, CAT-2, OPS-6: trust & safety approve a service, or reject it with a reason from the list and a
 * text the seller reads by email and in `GET /api/v1/me/services`. A rejected service is never restored.
 */
export async function decideService(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  d: {
    id: number;
    name: 'approve' | 'reject';
    body: { reasonCode?: ServiceRejectionReason; reason?: string };
    requestId?: string;
  },
) {
  const { id, name, body, requestId } = d;
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const review = await trx
      .selectFrom('service_reviews')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!review) throw problems.notFound('service review');
    const service = await trx
      .selectFrom('services')
      .select(['id', 'status', 'title', 'seller_id'])
      .where('id', '=', review.service_id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    checkServiceDecision(review.status, name);
    if (name === 'reject' && (!body.reasonCode || !body.reason))
      throw problems.validation([
        ...(body.reasonCode ? [] : [{ field: 'body.reasonCode', message: 'choose a reason from the list' }]),
        ...(body.reason
          ? []
          : [{ field: 'body.reason', message: 'write what the seller should know (OPS-6)' }]),
      ]);
    const reasonCode = name === 'reject' ? body.reasonCode! : null;
    const reason = body.reason ?? null;
    const reviewSet = {
      reason_code: reasonCode,
      decision_reason: reason,
      decided_by: actor.id,
      decided_at: now,
    };
    const snapshot = review.snapshot as Omit<ServiceForReview, 'id' | 'seller_id'>;
    // A pre-moderated edit of an approved service: the service stays approved either way; approval publishes
    // the new text, rejection leaves the approved one on sale (the edit is what is rejected, not the
    // service).
    const staged = service.status === 'approved';
    if (staged) {
      await decideStagedEdit(trx, now, { review, name, reviewSet });
      if (name === 'approve')
        await trx
          .updateTable('services')
          .set({
            title: snapshot.title,
            description: snapshot.description,
            category: snapshot.category,
            price: snapshot.price,
            reviewed_at: now,
            updated_at: now,
          })
          .where('id', '=', service.id)
          .execute();
    } else
      await decideServiceReview(trx, now, {
        review,
        service: { status: service.status },
        name,
        reviewSet,
        serviceSet:
          name === 'reject'
            ? { rejection_code: reasonCode, rejection_reason: reason, updated_at: now }
            : { rejection_code: null, rejection_reason: null },
      });
    const serviceStatus: ServiceStatus = staged || name === 'approve' ? 'approved' : 'rejected';
    await audit(trx, ctx.clock, {
      actor,
      action: `service-review.${name}`,
      subjectType: 'service_review',
      subjectId: review.id,
      reason,
      before: { review: review.status, service: service.status },
      after: {
        review: name === 'approve' ? 'approved' : 'rejected',
        service: serviceStatus,
        serviceId: service.id,
        reasonCode,
        ...(staged ? { pendingEdit: true } : {}),
      },
      requestId,
    });
    const title = snapshot.title;
    if (name === 'approve')
      await notify(trx, ctx, {
        userId: service.seller_id,
        kind: 'service.approved',
        params: { serviceId: service.id, title },
        payload: {
          serviceId: service.id,
        },
      });
    else
      await notify(trx, ctx, {
        userId: service.seller_id,
        kind: staged ? 'service.edit-rejected' : 'service.rejected',
        params: { serviceId: service.id, title, reasonCode: reasonCode!, reason: reason! },
        payload: { serviceId: service.id },
      });
    return {
      id: review.id,
      status: name === 'approve' ? ('approved' as const) : ('rejected' as const),
      serviceId: service.id,
      serviceStatus,
      reasonCode,
      reason,
    };
  });
}

/** CAT-3: trust & safety dismiss a contact flag, or warn its author for sharing contact details (WRN-2). */
export async function decideContentFlag(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  id: number,
  {
    name,
    reason,
    requestId,
    run,
  }: { name: 'dismiss' | 'warn'; reason: string; requestId: string | undefined; run: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const flag = await trx
      .selectFrom('content_flags')
      .select(['id', 'status', 'user_id', 'subject_type', 'subject_id'])
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!flag) throw problems.notFound('flag');
    await decideFlag(trx, now, {
      flag,
      name,
      set: {
        decision_reason: reason,
        decided_by: actor.id,
        decided_at: now,
      },
    });
    const warning =
      name === 'warn'
        ? await issueWarning(ctx, {
            actor,
            userId: flag.user_id,
            input: {
              type: 'sharing_contact_info',
              reason,
              severe: false,
              evidence: `${flag.subject_type} #${flag.subject_id}`,
            },
            requestId,
            run: (work) => work(trx),
          })
        : null;
    await audit(trx, ctx.clock, {
      actor,
      action: `content-flag.${name}`,
      subjectType: 'content_flag',
      subjectId: flag.id,
      reason,
      before: { status: flag.status },
      after: { status: name === 'dismiss' ? 'dismissed' : 'warned' },
      requestId,
    });
    return { id: flag.id, status: name === 'dismiss' ? 'dismissed' : 'warned', warning };
  });
}
