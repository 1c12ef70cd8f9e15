import type {
  DisputeStage,
  EscalationOutcome,
  Executor,
  ResolutionKind,
  SellerLevel,
  WarningType,
} from '../../db/schema.js';
import type { Clock } from '../time/clock.js';
import type { ServiceRejectionReason } from '../modules/moderation/rules.js';
import { enqueue } from '../modules/outbox/outbox.js';
import { formatRupiah } from '../money.js';
import { en } from './catalogues/en.js';
import { id } from './catalogues/id.js';

/** The languages a user reads mail in; `id` (Indonesian) unless they chose English. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

type Party = 'buyer' | 'seller';

/**
 * Every notification kind and the facts its text is made of. Amounts are whole rupiah,
 * moments are `Date`s: the catalogues format them for the reader, never the caller.
 */
export interface TemplateParams {
  'account.activation': { link: string; days: number };
  'account.already-registered': Record<string, never>;
  'account.password-changed': Record<string, never>;
  'account.password-reset': { link: string; minutes: number };
  'account.new-sign-in': { at: Date; ip: string; device: string; endLink: string };
  'account.email-change-confirm': { link: string; hours: number; newEmail: string };
  'account.email-change-requested': { newEmail: string };
  'account.email-changed': { newEmail: string };
  'account.email-unavailable': Record<string, never>;
  /** An SMS: no greeting, no sign-off, short. */
  'sms.phone-code': { code: string; minutes: number };
  'account.blocked': { reason: string; held: number; payoutsStopped: boolean; releaseAt: Date };
  'account.warning': { type: WarningType; reason: string } & (
    | { consequence: 'reminder' }
    | { consequence: 'suspension'; suspendedUntil: Date }
    | { consequence: 'demotion'; levelBefore: SellerLevel; levelAfter: SellerLevel }
  );
  'account.suspension-lifted': { reason: string };
  'account.suspension-ended': Record<string, never>;
  'seller.level': { level: SellerLevel; previous: SellerLevel; windowDays: number };
  'seller-application.approve': Record<string, never>;
  'seller-application.reject': { reason: string };
  'seller-application.request-changes': { reason: string };
  'identity.approved': Record<string, never>;
  'service.approved': { serviceId: number; title: string };
  'service.rejected': {
    serviceId: number;
    title: string;
    reasonCode: ServiceRejectionReason;
    reason: string;
  };
  'service.edit-rejected': {
    serviceId: number;
    title: string;
    reasonCode: ServiceRejectionReason;
    reason: string;
  };
  'identity.rejected': { reason: string };
  'order.placed': { title: string; total: number };
  'order.milestone-paid': { title: string; seq: number; milestoneTitle: string; amount: number; dueAt: Date };
  'order.delivered': { title: string; seq: number; autoAcceptAt: Date };
  'order.revision': { title: string; message: string };
  'order.accepted': {
    title: string;
    seq: number;
    completed: boolean;
    automatic: boolean;
    share: number;
    clearsAt: Date;
  };
  'order.completed': { title: string; reviewWindowDays: number };
  'order.message': { title: string; body: string };
  'order.reviewed': { title: string };
  'order.tip': { title: string; amount: number };
  'review.removed': { orderId: number; reason: string };
  'ledger.clearance-reversed': { title: string; amount: number; reason: string; clearsAt: Date };
  'refund.requested': { title: string; amount: number; message: string };
  'refund.rejected': { refundRequestId: number; reason: string };
  'refund.approved': {
    refundRequestId: number;
    amount: number;
    reason: string;
    /** Set when the money goes back to the card, less the fees kept (REF-5); otherwise it is credit. */
    toCard: { net: number; paymentFee: number; marketplaceFee: number } | null;
  };
  'refund.completed-order':
    | { to: 'buyer'; title: string; amount: number; reason: string; toCardNet: number | null }
    | { to: 'seller'; title: string; amount: number; reason: string; fromEarnings: number };
  'resolution.opened': {
    title: string;
    by: Party;
    kind: ResolutionKind;
    reason: string;
    message: string;
    answerBy: Date | null;
  };
  'resolution.accepted': { title: string; kind: ResolutionKind };
  'resolution.declined': { title: string; kind: ResolutionKind; answer: string | null };
  'resolution.expired': { title: string; kind: ResolutionKind };
  'resolution.cancel.expired': { title: string };
  'resolution.escalated': { title: string; by: Party };
  'escalation.decided': {
    title: string;
    outcome: EscalationOutcome;
    buyerCredit: number | null;
    reason: string;
  };
  'dispute.opened': {
    title: string;
    by: Party;
    seq: number;
    escrow: number;
    reason: string;
    proposedToSeller: number;
    respondBy: Date;
  };
  'dispute.statement': { disputeId: number; text: string };
  'dispute.offer': { disputeId: number; by: Party; toSeller: number; toBuyer: number };
  'dispute.closed': {
    disputeId: number;
    title: string;
    toBuyer: number;
    toSeller: number;
    commission: number;
    reason: string | null;
  };
  'dispute.arbitration-requested': { disputeId: number; by: Party; fee: number; feeDueAt: Date };
  'dispute.award-refused': {
    disputeId: number;
    stage: DisputeStage;
    reason: string;
  };
  'withdrawal.requested': { amount: number; slaBusinessDays: number; dueAt: Date };
  'withdrawal.returned': {
    withdrawalId: number;
    amount: number;
    status: 'failed' | 'rejected';
    reason: string;
  };
  'withdrawal.paid': { withdrawalId: number; amount: number; reference: string };
  /** SUP-1: the contact form of someone who cannot sign in; the ticket opens when the link is followed. */
  'support.contact-confirm': { link: string; hours: number };
  'ticket.received': { ticketId: number; subject: string; replyLink: string | null };
  /** SUP-4: a staff reply, as written (a macro is already in the user's language, SUP-5). */
  'ticket.reply': { ticketId: number; subject: string; body: string; replyLink: string | null };
  'ticket.pending-reminder': { ticketId: number; subject: string; solveAt: Date };
  'ticket.solved': { ticketId: number; subject: string; automatic: boolean; closeAt: Date };
  'ticket.merged': { ticketId: number; subject: string; intoId: number };
}

export type TemplateKind = keyof TemplateParams;

/** How a catalogue writes amounts and moments for its reader. */
export interface Format {
  money(amount: number): string;
  /**
   * A moment in the marketplace time zone (`PASAR_TIMEZONE`),
   * e.g. "Rabu, 25 November 2026 pukul 14.30 WIB".
   */
  date(at: Date): string;
}

export interface Rendered {
  subject: string;
  text: string;
}

/** A language: one function per notification kind, plus how a mail opens and closes. */
export type Catalogue = {
  [K in TemplateKind]: (p: TemplateParams[K], f: Format) => Rendered;
} & { frame(name: string, text: string): string };

const CATALOGUES: Record<Locale, Catalogue> = { en, id };
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', id: 'id-ID' };

/**
 * Formatters by locale and time zone: building an `Intl.DateTimeFormat` costs far more than using one, and
 * every notification on the money path formats a date (issue #14). Bounded by locales × time zones in use.
 */
const FORMATS = new Map<string, Format>();

export function formatFor(locale: Locale, timezone: string): Format {
  const key = `${locale} ${timezone}`;
  const known = FORMATS.get(key);
  if (known) return known;
  const dates = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone: timezone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const format: Format = { money: formatRupiah, date: (at) => dates.format(at) };
  FORMATS.set(key, format);
  return format;
}

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** The subject and full text (greeting and sign-off included) a user reads. */
export function render<K extends TemplateKind>({
  locale,
  timezone,
  name,
  kind,
  params,
}: {
  locale: Locale;
  timezone: string;
  name: string;
  kind: K;
  params: TemplateParams[K];
}): Rendered {
  const catalogue = CATALOGUES[locale];
  const template = catalogue[kind] as (p: TemplateParams[K], f: Format) => Rendered;
  const { subject, text } = template(params, formatFor(locale, timezone));
  return { subject, text: catalogue.frame(name, text) };
}

/**
 * Kinds whose outbox `kind` names a sub-case, as mail filters and tests know them
 * (`resolution.cancel`, `withdrawal.failed`); every other kind is its own outbox kind.
 */
function outboxKind<K extends TemplateKind>(kind: K, params: TemplateParams[K]): string {
  const p = params as Partial<{ kind: ResolutionKind; status: string }>;
  switch (kind) {
    case 'resolution.opened':
      return `resolution.${p.kind}`;
    case 'resolution.accepted':
      return `resolution.${p.kind}.accepted`;
    case 'resolution.declined':
      return `resolution.${p.kind}.declined`;
    case 'resolution.expired':
      return `resolution.${p.kind}.expired`;
    case 'withdrawal.returned':
      return `withdrawal.${p.status}`;
    default:
      return kind;
  }
}

export interface NotifyContext {
  clock: Clock;
  config: { timezone: string };
}

/**
 * A notification to an end user, in their language, written to the outbox in the caller's
 * transaction (OPS-5).
 */
export async function notify<K extends TemplateKind>(
  db: Executor,
  ctx: NotifyContext,
  {
    userId,
    kind,
    params,
    payload = {},
  }: { userId: number; kind: K; params: TemplateParams[K]; payload?: Record<string, unknown> },
): Promise<void> {
  await notifyAddress(db, ctx, { userId, address: null, kind, params, payload });
}

/**
 * As `notify`, to another address than the account's own (an email change's confirmation goes to the new
 * address, ACC-9), or to a phone number as an SMS (`sms:+628…`, ACC-10: the text alone, no greeting).
 */
export async function notifyAddress<K extends TemplateKind>(
  db: Executor,
  ctx: NotifyContext,
  n: {
    userId: number;
    address: string | null;
    kind: K;
    params: TemplateParams[K];
    payload?: Record<string, unknown>;
  },
): Promise<void> {
  const { userId, address, kind, params, payload = {} } = n;
  const u = await db
    .selectFrom('users')
    .select(['email', 'name', 'locale', 'timezone'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const timezone = u.timezone ?? ctx.config.timezone;
  const sms = address?.startsWith(SMS_PREFIX) ?? false;
  const { subject, text } = sms
    ? (CATALOGUES[u.locale][kind] as (p: TemplateParams[K], f: Format) => Rendered)(
        params,
        formatFor(u.locale, timezone),
      )
    : render({ locale: u.locale, timezone, name: u.name, kind, params });
  await enqueue(db, ctx.clock, {
    kind: outboxKind(kind, params),
    to: address ?? u.email,
    subject,
    text,
    payload: { userId, ...payload },
    userId,
  });
}

/** Outbox recipients that are phone numbers: the SMS sender delivers them, not the mailer. */
export const SMS_PREFIX = 'sms:';
