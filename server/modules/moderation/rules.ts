import type { Moderation, SellerLevel } from '../../../db/schema.js';

/** OPS-6, CAT-2: the templated reasons a service is rejected for; staff add text the seller reads too. */
export const SERVICE_REJECTION_REASONS = [
  'contact_details',
  'prohibited_service',
  'misleading',
  'low_quality',
  'intellectual_property',
  'duplicate',
  'wrong_category',
  'price',
  'other',
] as const;
export type ServiceRejectionReason = (typeof SERVICE_REJECTION_REASONS)[number];

/** CAT-1: the fields whose change sends a service back to review. */
export const REVIEWED_FIELDS = ['title', 'description', 'category', 'price'] as const;

export const LEVEL_ORDER: readonly SellerLevel[] = ['new', 'level_1', 'level_2', 'top_rated'];

/**
 * CAT-1: pre-moderation (hidden until approved) for sellers at the lowest `premoderatedLevels` levels
 * (the policy setting; 1 = only `new`), post-moderation (visible at once, reviewed afterwards) above.
 */
export function moderationFor(level: SellerLevel, premoderatedLevels: number): Moderation {
  return LEVEL_ORDER.indexOf(level) < premoderatedLevels ? 'pre' : 'post';
}

/** CAT-1: whether buyers see a service: approved, or in review under post-moderation; never rejected. */
export function isVisible(s: { active: boolean; status: string; moderation: string }): boolean {
  return s.active && (s.status === 'approved' || (s.status === 'in_review' && s.moderation === 'post'));
}
