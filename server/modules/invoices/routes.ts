import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import type { AppContext } from '../../context.js';
import { pageOf, pageQuery, pageSchema } from '../../http/page.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { idValue, intString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { isLocale, type Locale } from '../../notifications/templates.js';
import { addMonth, monthStart, REVENUE_LINES, revenueReport } from '../ledger/revenue.js';
import { invoicePdf } from './pdf.js';
import { isCountryCode, monthIn } from './rules.js';
import { getBilling, putBilling } from './service.js';
import { documents, localeOf } from './repository.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

const billingBody = z.object({
  company: z.string().trim().max(200).default(''),
  fullName: z.string().trim().min(2).max(200),
  address: z.string().trim().min(5).max(1000),
  country: z.string().trim().toUpperCase().refine(isCountryCode, 'an ISO 3166-1 country code, e.g. ID'),
  taxId: z.string().trim().max(50).default(''),
});

const billingView = z.object({
  company: z.string(),
  fullName: z.string(),
  address: z.string(),
  country: z.string(),
  taxId: z.string(),
  updatedAt: z.string(),
});

const invoiceView = z.object({
  id: z.number(),
  kind: z.enum(['invoice', 'credit_note']),
  number: z.string(),
  status: z.enum(['issued', 'cancelled']),
  orderId: z.number().nullable(),
  milestoneId: z.number().nullable(),
  description: z.string(),
  paymentSource: z.string(),
  paymentReference: z.string(),
  subtotal: z.number(),
  taxBp: z.number(),
  taxAmount: z.number(),
  total: z.number(),
  billing: z.object({
    company: z.string(),
    fullName: z.string(),
    address: z.string(),
    country: z.string(),
    taxId: z.string(),
    email: z.string(),
  }),
  creditedNumber: z.string().nullable(),
  replacesNumber: z.string().nullable(),
  cancelledByNumber: z.string().nullable(),
  reason: z.string().nullable(),
  issuedAt: z.string(),
  cancelledAt: z.string().nullable(),
});

type Doc = Awaited<ReturnType<ReturnType<typeof documents>['executeTakeFirstOrThrow']>>;

async function sendPdf(ctx: AppContext, res: Response, d: Doc, locale: Locale) {
  // An invoice prints the issuer's details of its day; older ones, issued before they were kept, today's.
  const pdf = await invoicePdf({ ...d, issuer: d.issuer ?? ctx.config.issuer }, locale, ctx.config.timezone);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${d.number.replace(/\//g, '-')}.pdf"`);
  res.send(pdf);
}

const spec: ListSpec = {
  resource: 'invoices',
  idColumn: 'invoices.id',
  defaultSort: ['id', 'DESC'],
  sortable: {
    id: 'invoices.id',
    issuedAt: 'invoices.issued_at',
    number: 'invoices.number',
    total: 'invoices.total',
  },
  filters: {
    // INV-4: one box finds an invoice by its number, its buyer's name or email, or its order number.
    q: {
      schema: z.string().trim().max(200),
      apply: (qb, v: string) => {
        const pattern = `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const order = /^#?(\d{1,9})$/.exec(v)?.[1];
        return qb.where((eb) =>
          eb.or([
            eb('invoices.number', 'ilike', pattern),
            eb('users.name', 'ilike', pattern),
            eb('users.email', 'ilike', pattern),
            ...(order ? [eb('invoices.order_id', '=', Number(order))] : []),
          ]),
        );
      },
    },
    kind: filters.oneOf('invoices.kind', z.enum(['invoice', 'credit_note'])),
    status: filters.oneOf('invoices.status', z.enum(['issued', 'cancelled'])),
    userId: filters.equals('invoices.user_id', idValue),
    orderId: filters.equals('invoices.order_id', idValue),
  },
};

const CSV_COLUMNS = [
  'number',
  'kind',
  'status',
  'issued_at',
  'buyer_id',
  'buyer_name',
  'buyer_email',
  'company',
  'billing_name',
  'country',
  'tax_id',
  'order_id',
  'description',
  'payment_source',
  'payment_reference',
  'subtotal',
  'tax_bp',
  'tax_amount',
  'total',
  'credits_invoice',
  'replaces_invoice',
  'cancelled_by',
];

export function invoiceRoutes(ctx: AppContext) {
  const tz = ctx.config.timezone;
  const inMonth = (v: string) =>
    documents(ctx.db)
      .where('invoices.issued_at', '>=', monthStart(v, tz))
      .where('invoices.issued_at', '<', monthStart(addMonth(v), tz));
  const listSpec: ListSpec = {
    ...spec,
    filters: {
      ...spec.filters,
      month: {
        schema: month,
        apply: (qb, v: string) =>
          qb
            .where('invoices.issued_at', '>=', monthStart(v, tz))
            .where('invoices.issued_at', '<', monthStart(addMonth(v), tz)),
      },
    },
  };
  const own = async (userId: number, id: number) => {
    const d = await documents(ctx.db)
      .where('invoices.id', '=', id)
      .where('invoices.user_id', '=', userId)
      .executeTakeFirst();
    if (!d) throw problems.notFound('invoice');
    return d;
  };
  const revenueQuery = z.object({
    until: month.optional(),
    months: intString(1, 36).default(12),
  });
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/me/billing',
      tag: 'Invoices',
      access: access.user,
      summary: 'Your billing information (INV-1)',
      response: billingView,
      handler: ({ user }) => getBilling(ctx, user.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/me/billing',
      tag: 'Invoices',
      access: access.user,
      summary:
        'Save your billing information (INV-1; for Indonesia the tax id is an NPWP of 15 or 16 digits).' +
        ' Issued invoices that show other details are re-issued under new numbers that cancel the old ones' +
        ' (INV-3), listed in `reissued`',
      body: billingBody,
      response: billingView.extend({
        reissued: z.array(z.object({ cancelled: z.string(), issued: z.string(), id: z.number() })),
      }),
      handler: ({ user, body }) => putBilling(ctx, user, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/invoices',
      tag: 'Invoices',
      access: access.user,
      summary: 'Your invoices and credit notes, newest first (INV-2, INV-3; paginated: page, perPage)',
      query: pageQuery,
      response: pageSchema(invoiceView),
      handler: ({ user, query }) =>
        pageOf(
          documents(ctx.db).where('invoices.user_id', '=', user.id).orderBy('invoices.id', 'desc'),
          query,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/invoices/:id.pdf',
      tag: 'Invoices',
      access: access.user,
      produces: 'application/pdf',
      summary: 'Your invoice or credit note as a PDF, in your language (INV-2)',
      params: idParams,
      handler: async ({ user, params, res }) => {
        await sendPdf(ctx, res, await own(user.id, params.id), user.locale);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/invoices/:id',
      tag: 'Invoices',
      access: access.user,
      summary: 'One of your invoices or credit notes',
      params: idParams,
      response: invoiceView,
      handler: ({ user, params }) => own(user.id, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/invoices',
      tag: 'Invoices',
      access: access.staff('finance'),
      summary:
        'Invoices and credit notes (INV-4); `q` finds a number, a buyer (name or email) or an order (its' +
        ' number); `month` is YYYY-MM',
      query: listQuery,
      handler: ({ query, res }) =>
        listResource(ctx.db, { res, base: documents(ctx.db), spec: listSpec, query }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/invoices/export.csv',
      tag: 'Invoices',
      access: access.staff('finance'),
      produces: 'text/csv',
      summary: 'INV-4: the invoices and credit notes of a month (YYYY-MM, marketplace time zone) as CSV',
      query: z.object({ month }),
      handler: async ({ query, res }) => {
        const rows = await inMonth(query.month).orderBy('invoices.id').execute();
        const csv = stringify(
          rows.map((d) => {
            const b = d.billing as { company: string; fullName: string; country: string; taxId: string };
            return [
              d.number,
              d.kind,
              d.status,
              d.issuedAt.toISOString(),
              d.userId,
              d.userName,
              d.userEmail,
              b.company,
              b.fullName,
              b.country,
              b.taxId,
              d.orderId ?? '',
              d.description,
              d.paymentSource,
              d.paymentReference,
              d.subtotal,
              d.taxBp,
              d.taxAmount,
              d.kind === 'credit_note' ? -d.total : d.total,
              d.creditedNumber ?? '',
              d.replacesNumber ?? '',
              d.cancelledByNumber ?? '',
            ];
          }),
          { header: true, columns: CSV_COLUMNS, record_delimiter: '\r\n' },
        );
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="pasar-invoices-${query.month}.csv"`);
        res.send(csv);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/invoices/:id.pdf',
      tag: 'Invoices',
      access: access.staff('finance'),
      produces: 'application/pdf',
      summary: 'An invoice or credit note as a PDF (`lang` id or en; default the buyer’s language)',
      params: idParams,
      query: z.object({ lang: z.enum(['id', 'en']).optional() }),
      handler: async ({ params, query, res }) => {
        const d = await documents(ctx.db).where('invoices.id', '=', params.id).executeTakeFirst();
        if (!d) throw problems.notFound('invoice');
        const u = await localeOf(ctx.db, d.userId);
        await sendPdf(ctx, res, d, query.lang ?? (isLocale(u.locale) ? u.locale : 'id'));
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/invoices/:id',
      tag: 'Invoices',
      access: access.staff('finance'),
      summary: 'One invoice or credit note, with the credit notes against it',
      params: idParams,
      handler: async ({ params }) => {
        const d = await documents(ctx.db).where('invoices.id', '=', params.id).executeTakeFirst();
        if (!d) throw problems.notFound('invoice');
        const creditNotes = await documents(ctx.db)
          .where('invoices.credited_invoice_id', '=', d.id)
          .orderBy('invoices.id')
          .execute();
        return { ...d, creditNotes };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/revenue',
      tag: 'Invoices',
      access: access.staff('finance'),
      summary:
        'INV-4: the monthly revenue report from the ledger: commission, retained marketplace and payment' +
        ' fees, arbitration fees, refunds (to card, to credit), payouts and held funds, for `months` months' +
        ' up to `until` (YYYY-MM, default this month)',
      query: revenueQuery,
      response: z.object({
        lines: z.array(z.string()),
        months: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
      }),
      handler: async ({ query }) => ({
        lines: [...REVENUE_LINES],
        months: await revenueReport(ctx.db, tz, query.until ?? monthIn(ctx.clock.now(), tz), query.months),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/revenue.csv',
      tag: 'Invoices',
      access: access.staff('finance'),
      produces: 'text/csv',
      summary: 'INV-4: the monthly revenue report as CSV (same query as GET /api/admin/revenue)',
      query: revenueQuery,
      handler: async ({ query, res }) => {
        const until = query.until ?? monthIn(ctx.clock.now(), tz);
        const months = await revenueReport(ctx.db, tz, until, query.months);
        const csv = stringify(
          months.map((m) => [m.month, ...REVENUE_LINES.map((l) => m[l])]),
          { header: true, columns: ['month', ...REVENUE_LINES], record_delimiter: '\r\n' },
        );
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="pasar-revenue-until-${until}.csv"`);
        res.send(csv);
        return undefined;
      },
    }),
  ];
}
