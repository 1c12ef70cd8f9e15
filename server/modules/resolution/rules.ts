import type { ResolutionKind } from '../../../db/schema.js';

/** RES-1: who may send which request. */
export const WHO_MAY_SEND: Record<ResolutionKind, readonly ('buyer' | 'seller')[]> = {
  cancel: ['buyer', 'seller'],
  update: ['buyer'],
  extend_delivery: ['buyer', 'seller'],
  extras: ['seller'],
  extra_revisions: ['seller'],
};

/** RES-2: reasons from a list, per kind. */
export const REASONS: Record<ResolutionKind, readonly string[]> = {
  cancel: [
    'buyer_no_longer_needs',
    'seller_cannot_deliver',
    'requirements_changed',
    'not_as_agreed',
    'ordered_by_mistake',
    'personal_emergency',
    'other',
  ],
  update: ['no_news', 'deadline_close', 'other'],
  extend_delivery: [
    'more_time_needed',
    'waiting_for_buyer_input',
    'scope_grew',
    'personal_emergency',
    'other',
  ],
  extras: ['scope_grew', 'additional_work', 'other'],
  extra_revisions: ['additional_changes', 'other'],
};

/** The timer of each kind (OPS-4): the setting that gives the window, in hours. */
export function windowHours(
  kind: ResolutionKind,
  s: { cancellation_response_hours: number; update_response_days: number; extension_response_hours: number },
): number {
  switch (kind) {
    case 'cancel':
      return s.cancellation_response_hours; // RES-3
    case 'update':
      return s.update_response_days * 24; // RES-4
    default:
      return s.extension_response_hours; // RES-5 (extras and revisions answered in the same window)
  }
}

/** The outcomes of an escalation decision (RES-7, SEL-5); audited as `escalation.<outcome>`. */
export const ESCALATION_OUTCOMES = ['cancel_full', 'cancel_partial', 'continue'] as const;
