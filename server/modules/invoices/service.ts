import { sql, type Selectable, type Transaction } from 'kysely';
import type {
  BillingInfo,
  Database,
  Executor,
  InvoiceKind,
  InvoicesTable,
  User,
} from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { createRecord } from '../../machines/apply.js';
import { problems } from '../../http/problem.js';
import { audit } from '../audit/audit.js';
import { settingsAt } from '../settings/repository.js';
import { cancelByReissue, INVOICE_MACHINE } from './machine.js';
import { invoiceNumber, normaliseNpwp, SERIES, splitTax, yearIn } from './rules.js';
import { camel } from '../../http/camel.js';

type Trx = Transaction<Database>;
type Ctx = Pick<AppContext, 'config'>;

/**
 * INV-2: the next number of a series in a year, now. The counter row is created or incremented by one
 * statement and stays locked until the issuing transaction ends: a transaction that rolls back gives its
 * number back, and two never get the same one, so the numbers have no gaps. Only a re-issue, which answers
 * the new number at once, takes it now; every other invoice gets its number at commit (`issue`).
 */
async function nextSeq(trx: Trx, series: string, year: number): Promise<number> {
  const {
    rows: [row],
  } = await sql<{ last: number }>`
    insert into invoice_counters (series, year, last) values (${series}, ${year}, 1)
    on conflict (series, year) do update set last = invoice_counters.last + 1
    returning last`.execute(trx);
  return row!.last;
}

/** INV-1: the buyer's billing information and account, one row. */
function billingRow(db: Executor, userId: number) {
  return db
    .selectFrom('users')
    .leftJoin('billing_profiles', 'billing_profiles.user_id', 'users.id')
    .select([
      'users.name',
      'users.email',
      'users.country as userCountry',
      'billing_profiles.company',
      ...camel('billing_profiles.full_name'),
      'billing_profiles.address',
      'billing_profiles.country',
      ...camel('billing_profiles.tax_id'),
    ])
    .where('users.id', '=', userId);
}

type BillingRow = Awaited<ReturnType<ReturnType<typeof billingRow>['executeTakeFirstOrThrow']>>;

function billingInfo(u: BillingRow): BillingInfo {
  return {
    company: u.company ?? '',
    fullName: u.fullName ?? u.name,
    address: u.address ?? '',
    country: u.country ?? u.userCountry ?? '',
    taxId: u.taxId ?? '',
    email: u.email,
  };
}

/** INV-1: what the invoice says about the buyer: their billing information, or their name and email. */
export async function billingOf(db: Executor, userId: number): Promise<BillingInfo> {
  return billingInfo(await billingRow(db, userId).executeTakeFirstOrThrow());
}

interface NewDocument {
  kind: InvoiceKind;
  userId: number;
  orderId: number | null;
  milestoneId: number | null;
  paymentReference: string;
  paymentSource: string;
  description: string;
  total: number;
  taxBp: number;
  billing: BillingInfo;
  creditedInvoiceId?: number | null;
  replacesInvoiceId?: number | null;
  reason?: string | null;
}

/**
 * Issues an invoice or credit note. Its number (INV-2) is taken at commit by a deferred trigger
 * (migration 2026-11-27T05), so the series' counter row is locked for the commit only and payments of
 * different buyers do not wait for each other (issue #14); `numberNow` takes it at once instead, for a
 * caller that must answer the number in the same transaction. Until the commit the row's number is null.
 */
async function issue(
  ctx: Ctx,
  trx: Trx,
  now: Date,
  { document: d, numberNow = false }: { document: NewDocument; numberNow?: boolean },
) {
  const series = SERIES[d.kind];
  const year = yearIn(now, ctx.config.timezone);
  const seq = numberNow ? await nextSeq(trx, series, year) : null;
  const { subtotal, tax } = splitTax(d.total, d.taxBp);
  return createRecord(trx, INVOICE_MACHINE, {
    kind: d.kind,
    series,
    year,
    // Null until the commit gives them (the table allows it; the deferred trigger fills both).
    seq: seq as number,
    number: (seq === null ? null : invoiceNumber(series, year, seq)) as string,
    user_id: d.userId,
    order_id: d.orderId,
    milestone_id: d.milestoneId,
    payment_reference: d.paymentReference,
    payment_source: d.paymentSource,
    description: d.description,
    subtotal,
    tax_bp: d.taxBp,
    tax_amount: tax,
    total: d.total,
    billing: JSON.stringify(d.billing),
    issuer: JSON.stringify(ctx.config.issuer),
    credited_invoice_id: d.creditedInvoiceId ?? null,
    replaces_invoice_id: d.replacesInvoiceId ?? null,
    cancelled_by_invoice_id: null,
    reason: d.reason ?? null,
    issued_at: now,
    cancelled_at: null,
  });
}

export interface PaymentForInvoice {
  payerId: number;
  amount: number;
  /** card, credit, earnings (and whatever other source a gateway adds: virtual account...). */
  source: string;
  reference: string;
  kind: string;
  memo: string;
  orderId?: number;
  milestoneId?: number;
}

/** What the invoice line says, in the marketplace's words. */
function describe(
  p: PaymentForInvoice,
  order: { id: number; title: string } | undefined,
  milestone: { seq: number; title: string } | undefined,
): string {
  if (p.kind === 'milestone-payment' && order && milestone)
    return `Order #${order.id} "${order.title}", milestone ${milestone.seq}: ${milestone.title}`;
  if (p.kind === 'tip' && order) return `Tip, order #${order.id} "${order.title}"`;
  if (p.kind === 'arbitration-fee' && order) return `Arbitration fee, order #${order.id} "${order.title}"`;
  return order ? `${p.memo} ("${order.title}")` : p.memo;
}

/**
 * INV-2: every payment a buyer makes gets its invoice, in the payment's own transaction (the one place
 * payments are taken, payments/collect.ts, calls this).
 */
export async function invoicePayment(ctx: Ctx, trx: Trx, now: Date, p: PaymentForInvoice) {
  const s = await settingsAt(trx, now);
  // Issue #14: the payer's billing and the order's and milestone's titles in one statement.
  const orderId = p.orderId ?? null;
  const milestoneId = p.milestoneId ?? null;
  const row = await billingRow(trx, p.payerId)
    .select([
      sql<string | null>`(select title from orders where id = ${orderId}::int)`.as('orderTitle'),
      sql<number | null>`(select seq from milestones where id = ${milestoneId}::int)`.as('milestoneSeq'),
      sql<string | null>`(select title from milestones where id = ${milestoneId}::int)`.as('milestoneTitle'),
    ])
    .executeTakeFirstOrThrow();
  const order =
    orderId !== null && row.orderTitle !== null ? { id: orderId, title: row.orderTitle } : undefined;
  const milestone =
    row.milestoneSeq !== null && row.milestoneTitle !== null
      ? { seq: row.milestoneSeq, title: row.milestoneTitle }
      : undefined;
  return issue(ctx, trx, now, {
    document: {
      kind: 'invoice',
      userId: p.payerId,
      orderId,
      milestoneId,
      paymentReference: p.reference,
      paymentSource: p.source,
      description: describe(p, order, milestone),
      total: p.amount,
      taxBp: s.invoice_vat_bp,
      billing: billingInfo(row),
    },
  });
}

/**
 * INV-3: money of an invoiced payment goes back to its payer (a cancellation, a refund, a dispute's
 * buyer share, a returned arbitration fee): a credit note against the invoice, for at most what the
 * invoice still holds. `of` picks the invoices: those of a payment, of a milestone, or of an order (oldest
 * first). Answers the credit notes issued.
 */
export async function creditNote(
  ctx: Ctx,
  trx: Trx,
  now: Date,
  {
    of,
    amount,
    reason,
  }: {
    of: { paymentReference: string } | { milestoneId: number } | { orderId: number };
    amount: number;
    reason: string;
  },
) {
  if (amount <= 0) return [];
  let q = trx
    .selectFrom('invoices')
    .selectAll()
    .where('kind', '=', 'invoice')
    .where('status', '=', 'issued')
    .orderBy('id')
    .forNoKeyUpdate();
  if ('paymentReference' in of) q = q.where('payment_reference', '=', of.paymentReference);
  else if ('milestoneId' in of) q = q.where('milestone_id', '=', of.milestoneId);
  else q = q.where('order_id', '=', of.orderId);
  const invoices = await q.execute();
  const notes = [];
  let left = amount;
  for (const inv of invoices) {
    if (left <= 0) break;
    const credited = await trx
      .selectFrom('invoices')
      .select(sql<number>`coalesce(sum(total), 0)::bigint`.as('sum'))
      .where('kind', '=', 'credit_note')
      .where('status', '=', 'issued')
      .where('payment_reference', '=', inv.payment_reference)
      .executeTakeFirstOrThrow();
    const room = inv.total - Number(credited.sum);
    const take = Math.min(room, left);
    if (take <= 0) continue;
    notes.push(
      await issue(ctx, trx, now, {
        document: {
          kind: 'credit_note',
          userId: inv.user_id,
          orderId: inv.order_id,
          milestoneId: inv.milestone_id,
          paymentReference: inv.payment_reference,
          paymentSource: inv.payment_source,
          description: `Credit note for ${inv.number}: ${inv.description}`,
          total: take,
          taxBp: inv.tax_bp,
          billing: inv.billing,
          creditedInvoiceId: inv.id,
          reason,
        },
      }),
    );
    left -= take;
  }
  return notes;
}

export interface BillingInput {
  company: string;
  fullName: string;
  address: string;
  country: string;
  taxId: string;
}

const BILLING_KEYS = ['company', 'fullName', 'address', 'country', 'taxId', 'email'] as const;
const sameBilling = (a: BillingInfo, b: BillingInfo) => BILLING_KEYS.every((k) => a[k] === b[k]);

export async function getBilling(ctx: AppContext, userId: number) {
  const row = await ctx.db
    .selectFrom('billing_profiles')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw problems.notFound('billing information');
  return {
    company: row.company,
    fullName: row.full_name,
    address: row.address,
    country: row.country,
    taxId: row.tax_id,
    updatedAt: row.updated_at,
  };
}

/**
 * INV-1, INV-3: the buyer saves their billing information (an Indonesian tax id must be a valid NPWP).
 * Every issued invoice whose billing differs is re-issued under a new number that cancels the old one.
 */
export async function putBilling(ctx: AppContext, user: User, input: BillingInput) {
  let taxId = input.taxId.trim();
  if (taxId && input.country === 'ID') {
    const npwp = normaliseNpwp(taxId);
    if (!npwp)
      throw problems.validation([
        {
          field: 'body.taxId',
          message: 'an NPWP has 15 digits (99.999.999.9-999.999) or 16 digits (NIK-based)',
        },
      ]);
    taxId = npwp;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const values = {
      company: input.company.trim(),
      full_name: input.fullName.trim(),
      address: input.address.trim(),
      country: input.country,
      tax_id: taxId,
      updated_at: now,
    };
    const before = await trx
      .selectFrom('billing_profiles')
      .selectAll()
      .where('user_id', '=', user.id)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .insertInto('billing_profiles')
      .values({ user_id: user.id, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
    const billing = await billingOf(trx, user.id);
    const stale = await trx
      .selectFrom('invoices')
      .selectAll()
      .where('user_id', '=', user.id)
      .where('kind', '=', 'invoice')
      .where('status', '=', 'issued')
      .orderBy('id')
      .forNoKeyUpdate()
      .execute();
    const reissued: { cancelled: string; issued: string; id: number }[] = [];
    /** INV-3: `doc` again under a new number with the corrected billing; the old one is cancelled by it. */
    const reissue = async (
      doc: Selectable<InvoicesTable>,
      d: Pick<NewDocument, 'description' | 'reason'> & {
        creditedInvoiceId?: number;
      },
    ) => {
      const fresh = await issue(ctx, trx, now, {
        document: {
          kind: doc.kind,
          userId: doc.user_id,
          orderId: doc.order_id,
          milestoneId: doc.milestone_id,
          paymentReference: doc.payment_reference,
          paymentSource: doc.payment_source,
          total: doc.total,
          taxBp: doc.tax_bp,
          billing,
          replacesInvoiceId: doc.id,
          ...d,
        },
        numberNow: true,
      });
      await cancelByReissue(trx, now, doc, fresh.id);
      reissued.push({ cancelled: doc.number, issued: fresh.number, id: fresh.id });
      return fresh;
    };
    for (const inv of stale) {
      if (sameBilling(inv.billing, billing)) continue;
      const fresh = await reissue(inv, {
        description: inv.description,
        reason: `Re-issued for corrected billing information; cancels ${inv.number} (INV-3)`,
      });
      // Its credit notes follow it: each is re-issued against the new invoice and the old one cancelled,
      // so what was credited stays credited, under the corrected billing information.
      const notes = await trx
        .selectFrom('invoices')
        .selectAll()
        .where('credited_invoice_id', '=', inv.id)
        .where('kind', '=', 'credit_note')
        .where('status', '=', 'issued')
        .orderBy('id')
        .forNoKeyUpdate()
        .execute();
      for (const note of notes)
        await reissue(note, {
          description: `Credit note for ${fresh.number}: ${inv.description}`,
          creditedInvoiceId: fresh.id,
          reason:
            `Re-issued with ${fresh.number} for corrected billing information; ` +
            `cancels ${note.number} (INV-3)`,
        });
    }
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'billing.update',
      subjectType: 'user',
      subjectId: user.id,
      before: before ?? null,
      after: { ...values, reissued },
    });
    return {
      company: values.company,
      fullName: values.full_name,
      address: values.address,
      country: values.country,
      taxId: values.tax_id,
      updatedAt: now,
      reissued,
    };
  });
}
