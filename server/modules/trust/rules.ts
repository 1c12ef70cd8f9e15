import type { SellerLevel, WarningConsequence, WarningType } from '../../../db/schema.js';

/** WRN-2: the warning types. */
export const WARNING_TYPES: readonly WarningType[] = [
  'abusive_language',
  'spam',
  'misleading_profile',
  'sharing_contact_info',
  'feedback_manipulation',
  'misrepresenting_service',
  'other',
];

const DEMOTE: Record<SellerLevel, SellerLevel> = {
  top_rated: 'level_2',
  level_2: 'level_1',
  level_1: 'new',
  new: 'new',
};

/** Every consequence a warning can have (WRN-3..7); audited as `warning.<consequence>`. */
export const WARNING_CONSEQUENCES = [
  'reminder',
  'suspension',
  'demotion',
  'block',
] as const satisfies readonly WarningConsequence[];

export interface WarningDecision {
  consequence: WarningConsequence;
  rule: string;
  /** Warnings that still count (WRN-11), including the new one. */
  counting: number;
  levelAfter: SellerLevel;
}

/**
 * WRN-3..7, WRN-11: the consequence of a new warning, from the warnings that still count
 * (issued within the counting window) and the seller's level. The console's preview and
 * the action both call this one function (WRN-8).
 */
export function warningConsequence(input: {
  history: { type: WarningType; issuedAt: Date }[];
  now: Date;
  countingDays: number;
  level: SellerLevel;
  type: WarningType;
  severe: boolean;
}): WarningDecision {
  const since = input.now.getTime() - input.countingDays * 86_400_000;
  const active = input.history.filter((w) => w.issuedAt.getTime() > since);
  const counting = active.length + 1;
  if (input.severe) return { consequence: 'block', rule: 'WRN-7', counting, levelAfter: input.level };
  if (counting >= 3) return { consequence: 'suspension', rule: 'WRN-6', counting, levelAfter: input.level };
  if (active.some((w) => w.type === input.type))
    return { consequence: 'suspension', rule: 'WRN-4', counting, levelAfter: input.level };
  if (active.length > 0 && input.level !== 'new')
    return { consequence: 'demotion', rule: 'WRN-5', counting, levelAfter: DEMOTE[input.level] };
  return {
    consequence: 'reminder',
    rule: active.length > 0 ? 'WRN-5' : 'WRN-3',
    counting,
    levelAfter: input.level,
  };
}
