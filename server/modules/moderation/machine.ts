import type { Transaction } from 'kysely';
import type { Database, ServiceStatus } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import {
  allowedActions,
  applyTransition,
  checkTransition,
  defineMachine,
  workActions,
  type Transition,
} from '../../machines/apply.js';

/**
 * CAT-1, CAT-2 as data. A service is in review from its creation and after each edit of a reviewed field;
 * trust & safety approve or reject it; a rejected service never leaves `rejected`.
 */
export const SERVICE_TRANSITIONS = [
  {
    name: 'seller-edit',
    from: ['in_review', 'approved'],
    to: 'in_review',
    actor: 'seller',
    rule: 'CAT-1',
    description: 'An edit of title, description, category or price is reviewed again.',
  },
  { name: 'approve', from: ['in_review'], to: 'approved', actor: 'staff', rule: 'CAT-1', consequence: true },
  { name: 'reject', from: ['in_review'], to: 'rejected', actor: 'staff', rule: 'CAT-2', consequence: true },
] as const satisfies readonly Transition<ServiceStatus, 'seller' | 'staff'>[];

export const SERVICE_MACHINE = defineMachine<ServiceStatus, 'seller' | 'staff', never, 'services'>({
  table: 'services',
  column: 'status',
  initial: ['in_review', 'approved'],
  transitions: SERVICE_TRANSITIONS,
  conflict: (status) =>
    status === 'rejected'
      ? new Problem({
          status: 409,
          slug: 'service-rejected',
          title: 'Service rejected',
          detail: 'A rejected service is never restored (CAT-2); create a new service instead.',
        })
      : new Problem({
          status: 409,
          slug: 'service-state-conflict',
          title: 'Not possible in this state',
          detail: `The service is ${status}.`,
        }),
});

export function serviceActions(s: { status: ServiceStatus }, actor: 'seller' | null): string[] {
  return allowedActions(SERVICE_MACHINE, s.status, actor);
}

/** The queue item: one open review per service, decided once. */
export type ServiceReviewStatus = 'open' | 'approved' | 'rejected';
export const SERVICE_REVIEW_TRANSITIONS = [
  { name: 'approve', from: ['open'], to: 'approved', actor: 'staff', rule: 'CAT-1' },
  { name: 'reject', from: ['open'], to: 'rejected', actor: 'staff', rule: 'CAT-2, OPS-6' },
] as const satisfies readonly Transition<ServiceReviewStatus, 'staff'>[];

export const SERVICE_REVIEW_MACHINE = defineMachine<ServiceReviewStatus, 'staff', never, 'service_reviews'>({
  table: 'service_reviews',
  column: 'status',
  initial: ['open'],
  transitions: SERVICE_REVIEW_TRANSITIONS,
  conflict: (status) =>
    new Problem({
      status: 409,
      slug: 'case-decided',
      title: 'Already decided',
      detail: `This service review was ${status} already.`,
    }),
});

/** Its decisions, and `claim` (OPS-2) while trust & safety can still decide it. */
export function serviceReviewActions(r: { status: ServiceReviewStatus }, actor: 'staff' | null): string[] {
  return [
    ...allowedActions(SERVICE_REVIEW_MACHINE, r.status, actor),
    ...workActions(SERVICE_REVIEW_MACHINE, r.status, actor, ['claim']),
  ];
}

/** CAT-3: a contact-detail flag waits for trust & safety: dismissed, or a warning issued for it (WRN-2). */
export type ContentFlagStatus = 'open' | 'dismissed' | 'warned';
export const CONTENT_FLAG_TRANSITIONS = [
  { name: 'dismiss', from: ['open'], to: 'dismissed', actor: 'staff', rule: 'CAT-3' },
  { name: 'warn', from: ['open'], to: 'warned', actor: 'staff', rule: 'CAT-3, WRN-2' },
] as const satisfies readonly Transition<ContentFlagStatus, 'staff'>[];

export const CONTENT_FLAG_MACHINE = defineMachine<ContentFlagStatus, 'staff', never, 'content_flags'>({
  table: 'content_flags',
  column: 'status',
  initial: ['open'],
  transitions: CONTENT_FLAG_TRANSITIONS,
  conflict: (status) =>
    new Problem({
      status: 409,
      slug: 'case-decided',
      title: 'Already decided',
      detail: `This flag was ${status} already.`,
    }),
});

export function contentFlagActions(f: { status: ContentFlagStatus }, actor: 'staff' | null): string[] {
  return allowedActions(CONTENT_FLAG_MACHINE, f.status, actor);
}

/** 409 before anything is checked further when the review was decided already. */
export function checkServiceDecision(status: ServiceReviewStatus, name: 'approve' | 'reject') {
  checkTransition(SERVICE_REVIEW_MACHINE, { state: status, name, actor: 'staff' });
}

/** The seller edits a reviewed field: back to review (and, under pre-moderation, out of sight). */
export async function serviceBackToReview(
  trx: Transaction<Database>,
  now: Date,
  s: { id: number; status: ServiceStatus },
  moderation: 'pre' | 'post',
) {
  await applyTransition(trx, {
    machine: SERVICE_MACHINE,
    id: s.id,
    state: s.status,
    name: 'seller-edit',
    actor: 'seller',
    now,
    set: { moderation, updated_at: now },
  });
}

/** Trust & safety decide: the review and its service move together. */
export async function decideServiceReview(
  trx: Transaction<Database>,
  now: Date,
  {
    review,
    service,
    name,
    reviewSet,
    serviceSet,
  }: {
    review: { id: number; status: ServiceReviewStatus; service_id: number };
    service: { status: ServiceStatus };
    name: 'approve' | 'reject';
    /** Other columns of the review and of the service the decision writes. */
    reviewSet: Record<string, unknown>;
    serviceSet: Record<string, unknown>;
  },
) {
  await decideStagedEdit(trx, now, { review, name, reviewSet });
  await applyTransition(trx, {
    machine: SERVICE_MACHINE,
    id: review.service_id,
    state: service.status,
    name,
    actor: 'staff',
    now,
    set: { ...serviceSet, reviewed_at: now },
  });
}

/** The review alone moves: a pre-moderated edit of an approved service, or the first half of a decision. */
export async function decideStagedEdit(
  trx: Transaction<Database>,
  now: Date,
  {
    review,
    name,
    reviewSet,
  }: {
    review: { id: number; status: ServiceReviewStatus };
    name: 'approve' | 'reject';
    reviewSet: Record<string, unknown>;
  },
) {
  await applyTransition(trx, {
    machine: SERVICE_REVIEW_MACHINE,
    id: review.id,
    state: review.status,
    name,
    actor: 'staff',
    now,
    set: reviewSet,
  });
}

/** A flag is decided once. */
export async function decideFlag(
  trx: Transaction<Database>,
  now: Date,
  {
    flag,
    name,
    set,
  }: {
    flag: { id: number; status: ContentFlagStatus };
    name: 'dismiss' | 'warn';
    set: Record<string, unknown>;
  },
) {
  await applyTransition(trx, {
    machine: CONTENT_FLAG_MACHINE,
    id: flag.id,
    state: flag.status,
    name,
    actor: 'staff',
    now,
    set,
  });
}
