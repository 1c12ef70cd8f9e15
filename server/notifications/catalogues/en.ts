import type { DisputeStage } from '../../../db/schema.js';
import type { Catalogue } from '../templates.js';

const KIND = {
  cancel: 'cancellation',
  update: 'update',
  extend_delivery: 'delivery extension',
  extras: 'extras',
  extra_revisions: 'extra revisions',
} as const;

const REASON: Record<string, string> = {
  buyer_no_longer_needs: 'the buyer no longer needs it',
  seller_cannot_deliver: 'the seller cannot deliver',
  requirements_changed: 'the requirements changed',
  not_as_agreed: 'not as agreed',
  ordered_by_mistake: 'ordered by mistake',
  personal_emergency: 'personal emergency',
  no_news: 'no news',
  deadline_close: 'the deadline is close',
  more_time_needed: 'more time needed',
  waiting_for_buyer_input: "waiting for the buyer's input",
  scope_grew: 'the scope grew',
  additional_work: 'additional work',
  additional_changes: 'additional changes',
  other: 'other',
};

const WARNING = {
  abusive_language: 'abusive language',
  spam: 'spam',
  misleading_profile: 'misleading profile',
  sharing_contact_info: 'sharing contact information',
  feedback_manipulation: 'feedback manipulation',
  misrepresenting_service: 'misrepresenting a service',
  other: 'other',
} as const;

const LEVEL = { new: 'new seller', level_1: 'level 1', level_2: 'level 2', top_rated: 'top rated' } as const;

const STAGE: Record<DisputeStage, string> = {
  negotiation: 'negotiation',
  final_offer: 'final offer',
  arbitration: 'arbitration',
  awaiting_default_approval: 'awaiting approval of the award',
  awaiting_final_approval: 'awaiting approval of the award',
  closed: 'closed',
};

const reasonLine = (reason: string) => `\n\nReason: ${reason}`;

const SERVICE_REJECTION: Record<string, string> = {
  contact_details: 'contact details or payment outside Pasar in the text',
  prohibited_service: 'a service our terms do not allow',
  misleading: 'misleading description',
  low_quality: 'description or images not good enough to publish',
  intellectual_property: "someone else's work or trademark",
  duplicate: 'a copy of another of your services',
  wrong_category: 'wrong category',
  price: 'price not allowed',
  other: 'other',
};

export const en: Catalogue = {
  frame: (name, text) => `Hi ${name},\n\n${text}\n\n— Pasar`,

  'account.activation': (p) => ({
    subject: 'Activate your Pasar account',
    text: `Welcome to Pasar. Activate your account by following this link within ${p.days} days:\n${p.link}`,
  }),
  'account.already-registered': () => ({
    subject: 'You already have a Pasar account',
    text:
      'Someone (perhaps you) tried to register a new Pasar account with this email address. You already' +
      ' have an account: log in with this address, or reset your password if you have forgotten it. If' +
      ' this was not you, you can ignore this email.',
  }),
  'account.password-changed': () => ({
    subject: 'Your Pasar password was changed',
    text:
      'The password of your Pasar account was changed just now. If this was not you, contact support' +
      ' at once.',
  }),
  'account.password-reset': (p) => ({
    subject: 'Reset your Pasar password',
    text:
      `Someone (we hope you) asked to reset the password of your Pasar account. ` +
      `Choose a new password within` +
      ` ${p.minutes} minutes with this link; it works once:\n${p.link}\n\nIf this was not you, ignore this` +
      ' email: your password stays as it is.',
  }),
  'account.new-sign-in': (p, f) => ({
    subject: 'New sign-in to your Pasar account',
    text:
      `Your account was signed in to on ${f.date(p.at)} from a device or place we had not seen before:` +
      `\n${p.device}, address ${p.ip}.\n\nIf this was you, there is nothing to do. If it was not, end that` +
      ` session with this link and change your password:\n${p.endLink}`,
  }),
  'account.email-change-confirm': (p) => ({
    subject: 'Confirm your new email address for Pasar',
    text:
      `Follow this link within ${p.hours} hours to make ${p.newEmail} the email address of your Pasar` +
      ` account:\n${p.link}\n\nIf you did not ask for this, ignore this email.`,
  }),
  'account.email-change-requested': (p) => ({
    subject: 'Your Pasar email address is being changed',
    text:
      `Someone signed in to your account asked to change its email address to ${p.newEmail}. The change` +
      ' applies only when the link sent to the new address is followed. If this was not you, change your' +
      ' password and contact support at once.',
  }),
  'account.email-changed': (p) => ({
    subject: 'Your Pasar email address was changed',
    text:
      `The email address of your Pasar account is now ${p.newEmail}. This address stays reserved for your` +
      ' account. If this was not you, contact support at once.',
  }),
  'account.email-unavailable': () => ({
    subject: 'This address cannot be used on Pasar',
    text:
      'Someone asked to move a Pasar account to this email address, but the address already belongs to an' +
      ' account. Nothing was changed. If you have forgotten your password, reset it from the sign-in page.',
  }),
  'sms.phone-code': (p) => ({
    subject: 'Pasar code',
    text: `Your Pasar code is ${p.code}. It works for ${p.minutes} minutes. Never share it with anyone.`,
  }),
  'account.blocked': (p, f) => ({
    subject: 'Your Pasar account is blocked',
    text:
      'Your account is blocked for a violation of the terms of service and can no longer be used.' +
      reasonLine(p.reason) +
      (p.held > 0
        ? `\n\n${f.money(p.held)} of your balance is held` +
          (p.payoutsStopped ? ' (including withdrawals not yet paid, which are stopped)' : '') +
          `; it can be paid out to you from ${f.date(p.releaseAt)}.`
        : ''),
  }),
  'account.warning': (p, f) => ({
    subject: 'A warning on your Pasar account',
    text:
      `You received a warning: ${WARNING[p.type]}.${reasonLine(p.reason)}\n\n` +
      (p.consequence === 'reminder'
        ? 'This is a reminder of the terms of service. A warning does not restrict your account by' +
          ' itself, but further warnings can.'
        : p.consequence === 'suspension'
          ? `Your account is suspended until ${f.date(p.suspendedUntil)}: you can log in and read,` +
            ' but not act.'
          : `Your seller level goes from ${LEVEL[p.levelBefore]} to ${LEVEL[p.levelAfter]}.`),
  }),
  'account.suspension-lifted': (p) => ({
    subject: 'Your suspension was lifted',
    text: `Your account is active again.${reasonLine(p.reason)}`,
  }),
  'account.suspension-ended': () => ({
    subject: 'Your suspension has ended',
    text: 'Your account is active again.',
  }),
  'seller.level': (p) => ({
    subject: 'Your seller level changed',
    text:
      `Your seller level is now ${LEVEL[p.level]} (was ${LEVEL[p.previous]}), from your last` +
      ` ${p.windowDays} days.`,
  }),
  'seller-application.approve': () => ({
    subject: 'Your seller application',
    text: 'Your seller application was approved. You can publish services now.',
  }),
  'seller-application.reject': (p) => ({
    subject: 'Your seller application',
    text: `Your seller application was rejected.${reasonLine(p.reason)}`,
  }),
  'seller-application.request-changes': (p) => ({
    subject: 'Your seller application',
    text:
      `The team asked for changes to your seller application:\n\n${p.reason}\n\n` +
      'Edit and resubmit it from your account.',
  }),
  'identity.approved': () => ({
    subject: 'Your identity is verified',
    text: 'Thank you: your identity is verified.',
  }),
  'service.approved': (p) => ({
    subject: `Your service "${p.title}" is approved`,
    text: `Trust & safety reviewed your service "${p.title}" and approved it: buyers can find and order it.`,
  }),
  'service.rejected': (p) => ({
    subject: `Your service "${p.title}" was rejected`,
    text:
      `Trust & safety rejected your service "${p.title}": ` +
      `${SERVICE_REJECTION[p.reasonCode] ?? p.reasonCode}.` +
      `${reasonLine(p.reason)}\n\nA rejected service is not restored. You may create a new service that` +
      ' follows our terms.',
  }),
  'service.edit-rejected': (p) => ({
    subject: `Your changes to "${p.title}" were not accepted`,
    text:
      `Trust & safety did not accept your changes to the service "${p.title}": ` +
      `${SERVICE_REJECTION[p.reasonCode] ?? p.reasonCode}.${reasonLine(p.reason)}\n\n` +
      'The service stays on sale as it was before the changes; you may edit it again.',
  }),
  'identity.rejected': (p) => ({
    subject: 'Your identity check was not accepted',
    text:
      `We could not verify your identity.${reasonLine(p.reason)}\n\n` +
      'You can send a new ID photo and selfie.',
  }),
  'order.placed': (p, f) => ({
    subject: `New order: ${p.title}`,
    text:
      `You have a new order "${p.title}" (${f.money(p.total)}). Work starts when the buyer pays the` +
      ' first milestone into escrow.',
  }),
  'order.milestone-paid': (p, f) => ({
    subject: `Milestone paid: ${p.title}`,
    text:
      `The buyer paid milestone ${p.seq} ("${p.milestoneTitle}", ${f.money(p.amount)}) into escrow.` +
      ` Deliver by ${f.date(p.dueAt)}.`,
  }),
  'order.delivered': (p, f) => ({
    subject: `Delivered: ${p.title}`,
    text:
      `The seller delivered milestone ${p.seq}. Accept it or ask for a revision; without an answer` +
      ` it is accepted on ${f.date(p.autoAcceptAt)}.`,
  }),
  'order.revision': (p) => ({
    subject: `Revision requested: ${p.title}`,
    text: `The buyer asked for a revision:\n\n${p.message}`,
  }),
  'order.accepted': (p, f) => ({
    subject: p.completed ? `Order completed: ${p.title}` : `Milestone accepted: ${p.title}`,
    text:
      `Milestone ${p.seq} was accepted` +
      (p.automatic ? ' automatically after the buyer did not answer' : '') +
      `. ${f.money(p.share)} is pending clearance until ${f.date(p.clearsAt)}.`,
  }),
  'order.completed': (p) => ({
    subject: `Order completed: ${p.title}`,
    text: `Your order is complete. You can review the seller for ${p.reviewWindowDays} days.`,
  }),
  'order.message': (p) => ({ subject: `New message on ${p.title}`, text: p.body }),
  'order.reviewed': (p) => ({
    subject: `You were reviewed on ${p.title}`,
    text:
      `The other party reviewed order "${p.title}". Reviews are shown once both of you reviewed or` +
      ' the review window closes.',
  }),
  'order.tip': (p, f) => ({
    subject: `You received a tip on ${p.title}`,
    text:
      `The buyer tipped you ${f.money(p.amount)}. It is pending clearance like your earnings, without` +
      ' commission.',
  }),
  'review.removed': (p) => ({
    subject: 'Your review was removed',
    text:
      `Trust & safety removed your review on order #${p.orderId} because it breaks the terms of` +
      ` service.${reasonLine(p.reason)}`,
  }),
  'ledger.clearance-reversed': (p, f) => ({
    subject: 'Cleared earnings moved back to pending',
    text:
      `Support moved ${f.money(p.amount)} of your cleared earnings from order "${p.title}" back to` +
      ` pending.${reasonLine(p.reason)}\n\nThey clear again on ${f.date(p.clearsAt)}.`,
  }),
  'refund.requested': (p, f) => ({
    subject: `Refund requested on ${p.title}`,
    text:
      `The buyer asked support for a refund of ${f.money(p.amount)}:\n\n${p.message}\n\n` +
      'Support will hear your side: write it as an order message.',
  }),
  'refund.rejected': (p) => ({
    subject: 'Your refund request was rejected',
    text: `Support rejected your refund request #${p.refundRequestId}.${reasonLine(p.reason)}`,
  }),
  'refund.approved': (p, f) => ({
    subject: 'Your refund request was approved',
    text:
      `Support approved ${f.money(p.amount)} of your refund request #${p.refundRequestId}` +
      (p.toCard
        ? `: ${f.money(p.toCard.net)} goes back to your card (payment fee ${f.money(p.toCard.paymentFee)}` +
          ` and marketplace fee ${f.money(p.toCard.marketplaceFee)} are kept)`
        : ', added to your credit balance') +
      `.${reasonLine(p.reason)}`,
  }),
  'refund.completed-order': (p, f) => ({
    subject: `Refund on ${p.title}`,
    text:
      p.to === 'buyer'
        ? `Support refunded ${f.money(p.amount)}` +
          (p.toCardNet !== null ? ` (${f.money(p.toCardNet)} to your card after fees)` : ' to your credit') +
          `.${reasonLine(p.reason)}`
        : `Support refunded the buyer ${f.money(p.amount)}; ${f.money(p.fromEarnings)} was taken from` +
          ` your earnings.${reasonLine(p.reason)}`,
  }),
  'resolution.opened': (p, f) => ({
    subject: `${p.by === 'buyer' ? 'The buyer' : 'The seller'} sent a request on ${p.title}`,
    text:
      `${KIND[p.kind]} — ${REASON[p.reason] ?? p.reason}:\n\n${p.message}` +
      (p.answerBy
        ? `\n\nAnswer before ${f.date(p.answerBy)}.` +
          (p.kind === 'cancel' ? ' Without an answer the order is cancelled as mutually cancelled.' : '')
        : ''),
  }),
  'resolution.accepted': (p) => ({
    subject: `Your request on ${p.title} was accepted`,
    text: `Your ${KIND[p.kind]} request was accepted.`,
  }),
  'resolution.declined': (p) => ({
    subject: `Your request on ${p.title} was declined`,
    text:
      `Your ${KIND[p.kind]} request was declined.` +
      (p.answer ? `\n\n${p.answer}` : '') +
      (p.kind === 'cancel' ? '\n\nEither of you can escalate a declined cancellation to support.' : ''),
  }),
  'resolution.expired': (p) => ({
    subject: `Your request on ${p.title} closed`,
    text:
      p.kind === 'update'
        ? 'The seller did not give an update in time; the request closed and the order carries on.'
        : 'The other party did not answer in time; the request was withdrawn and nothing changed.',
  }),
  'resolution.cancel.expired': (p) => ({
    subject: `Order cancelled: ${p.title}`,
    text:
      'The cancellation request was not answered in time, so the order is cancelled as mutually' +
      " cancelled. What was in escrow is back in the buyer's credit balance.",
  }),
  'resolution.escalated': (p) => ({
    subject: `Cancellation escalated to support: ${p.title}`,
    text:
      `The ${p.by} asked support to decide the cancellation. Support hears both sides; add your side as` +
      ' an order message.',
  }),
  'escalation.decided': (p, f) => ({
    subject: `Support decided on ${p.title}`,
    text:
      'Support decided to ' +
      {
        cancel_full: "cancel the order and return everything in escrow to the buyer's credit",
        cancel_partial:
          `cancel the order, crediting the buyer ${f.money(p.buyerCredit ?? 0)} and paying the rest to` +
          ' the seller',
        continue: 'continue the order',
      }[p.outcome] +
      `.${reasonLine(p.reason)}`,
  }),
  'dispute.opened': (p, f) => ({
    subject: `A dispute was opened on ${p.title}`,
    text:
      `The ${p.by} opened a dispute on milestone ${p.seq} (${f.money(p.escrow)} in escrow):\n\n` +
      `${p.reason}\n\nThey propose ${f.money(p.proposedToSeller)} to the seller. Respond by` +
      ` ${f.date(p.respondBy)} with a statement or an offer; otherwise the ${p.by} may be awarded it` +
      ' after an admin approves.',
  }),
  'dispute.statement': (p) => ({ subject: `New statement in dispute #${p.disputeId}`, text: p.text }),
  'dispute.offer': (p, f) => ({
    subject: `New offer in dispute #${p.disputeId}`,
    text:
      `The ${p.by} offers ${f.money(p.toSeller)} to the seller and ${f.money(p.toBuyer)} back to the` +
      ' buyer. Accept it to close the dispute at once.',
  }),
  'dispute.closed': (p, f) => ({
    subject: `Dispute #${p.disputeId} closed`,
    text:
      `The dispute on "${p.title}" is closed: ${f.money(p.toBuyer)} to the buyer's credit,` +
      ` ${f.money(p.toSeller)} to the seller (after ${f.money(p.commission)} commission).` +
      (p.reason ? reasonLine(p.reason) : ''),
  }),
  'dispute.arbitration-requested': (p, f) => ({
    subject: `Arbitration requested in dispute #${p.disputeId}`,
    text:
      `The ${p.by} requested arbitration and paid the fee of ${f.money(p.fee)}. Pay your fee by` +
      ` ${f.date(p.feeDueAt)} to have staff decide; otherwise the ${p.by} receives the escrowed amount` +
      ' after an admin approves.',
  }),
  'dispute.award-refused': (p) => ({
    subject: `Dispute #${p.disputeId}: award refused`,
    text:
      `Staff did not approve the award; the dispute continues (${STAGE[p.stage]}).` + reasonLine(p.reason),
  }),
  'withdrawal.requested': (p, f) => ({
    subject: 'Withdrawal requested',
    text:
      `We received your withdrawal of ${f.money(p.amount)}. It is paid within ${p.slaBusinessDays}` +
      ` business days, by ${f.date(p.dueAt)}. Withdrawals are final and cannot be cancelled.`,
  }),
  'withdrawal.returned': (p, f) => ({
    subject: 'Withdrawal cancelled, funds returned to your balance',
    text:
      `Your withdrawal #${p.withdrawalId} of ${f.money(p.amount)} was` +
      ` ${p.status === 'failed' ? 'not paid by the bank' : 'rejected'} and the money is back in your` +
      ` available balance.${reasonLine(p.reason)}`,
  }),
  'withdrawal.paid': (p, f) => ({
    subject: 'Withdrawal completed',
    text:
      `Your withdrawal #${p.withdrawalId} of ${f.money(p.amount)} was paid` +
      ` (bank reference ${p.reference}).`,
  }),
  'support.contact-confirm': (p) => ({
    subject: 'Confirm your message to Pasar support',
    text:
      'We received a message to Pasar support sent with this email address. To open the ticket, follow' +
      ` this link within ${p.hours} hours:\n${p.link}\n\nIf you did not write to us, ignore this email.`,
  }),
  'ticket.received': (p) => ({
    subject: `[Ticket #${p.ticketId}] ${p.subject}`,
    text:
      `We received your message and opened ticket #${p.ticketId}. Our team answers here and by email.` +
      (p.replyLink ? `\n\nTo reply, follow this link:\n${p.replyLink}` : ''),
  }),
  'ticket.reply': (p) => ({
    subject: `[Ticket #${p.ticketId}] ${p.subject}`,
    text:
      `Pasar support answered your ticket #${p.ticketId}:\n\n${p.body}` +
      (p.replyLink ? `\n\nTo reply, follow this link:\n${p.replyLink}` : ''),
  }),
  'ticket.pending-reminder': (p, f) => ({
    subject: `[Ticket #${p.ticketId}] We are waiting for your answer`,
    text:
      `Your ticket #${p.ticketId} (${p.subject}) waits for your answer. Without one, we will consider it` +
      ` solved on ${f.date(p.solveAt)}.`,
  }),
  'ticket.solved': (p, f) => ({
    subject: `[Ticket #${p.ticketId}] Solved`,
    text:
      (p.automatic
        ? `We did not hear back from you, so ticket #${p.ticketId} (${p.subject}) is now solved.`
        : `Your ticket #${p.ticketId} (${p.subject}) is solved.`) +
      ` If something is still wrong, reply before ${f.date(p.closeAt)} and it opens again. You can also` +
      ' rate our help.',
  }),
  'ticket.merged': (p) => ({
    subject: `[Ticket #${p.ticketId}] Merged into ticket #${p.intoId}`,
    text:
      `Your ticket #${p.ticketId} (${p.subject}) is about the same question as ticket #${p.intoId}, so we` +
      ` merged them: its messages are now in ticket #${p.intoId}, where we continue.`,
  }),
};
