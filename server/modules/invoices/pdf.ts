import PDFDocument from 'pdfkit';
import type { BillingInfo, InvoiceIssuer, InvoiceKind } from '../../../db/schema.js';
import type { Locale } from '../../notifications/templates.js';
import { formatRupiah } from '../../money.js';
import { formatNpwp } from './rules.js';

export interface InvoiceDocument {
  kind: InvoiceKind;
  number: string;
  status: 'issued' | 'cancelled';
  issuedAt: Date;
  orderId: number | null;
  description: string;
  paymentSource: string;
  paymentReference: string;
  subtotal: number;
  taxBp: number;
  taxAmount: number;
  total: number;
  billing: BillingInfo;
  issuer: InvoiceIssuer;
  /** The invoice a credit note credits, or the one a re-issue replaces / was replaced by. */
  creditedNumber: string | null;
  replacesNumber: string | null;
  cancelledByNumber: string | null;
  reason: string | null;
}

const WORDS = {
  id: {
    invoice: 'FAKTUR',
    credit_note: 'NOTA KREDIT',
    number: 'Nomor',
    date: 'Tanggal',
    order: 'Pesanan',
    from: 'Dari',
    to: 'Kepada',
    npwp: 'NPWP',
    taxId: 'NPWP / ID pajak',
    description: 'Uraian',
    amount: 'Jumlah',
    subtotal: 'Dasar pengenaan pajak (DPP)',
    tax: (pct: string) => `PPN ${pct}% (termasuk dalam harga)`,
    total: 'Total',
    payment: 'Pembayaran',
    sources: { card: 'kartu', credit: 'saldo kredit', earnings: 'saldo penghasilan', va: 'virtual account' },
    credits: 'Mengkredit faktur',
    replaces: 'Menggantikan faktur',
    cancelled: (by: string) => `DIBATALKAN: digantikan oleh ${by}`,
    reason: 'Keterangan',
    footer: 'Dokumen ini dibuat secara elektronik oleh Pasar dan sah tanpa tanda tangan.',
  },
  en: {
    invoice: 'INVOICE',
    credit_note: 'CREDIT NOTE',
    number: 'Number',
    date: 'Date',
    order: 'Order',
    from: 'From',
    to: 'Billed to',
    npwp: 'Tax id (NPWP)',
    taxId: 'Tax id',
    description: 'Description',
    amount: 'Amount',
    subtotal: 'Taxable base',
    tax: (pct: string) => `VAT (PPN) ${pct}% (included in the price)`,
    total: 'Total',
    payment: 'Payment',
    sources: { card: 'card', credit: 'credit balance', earnings: 'earnings balance', va: 'virtual account' },
    credits: 'Credits invoice',
    replaces: 'Replaces invoice',
    cancelled: (by: string) => `CANCELLED: replaced by ${by}`,
    reason: 'Note',
    footer: 'This document was issued electronically by Pasar and is valid without a signature.',
  },
} as const;

/**
 * INV-2: the invoice or credit note as a PDF in the reader's language, with Pasar's details, the buyer's
 * billing information, the order, rupiah amounts and the tax lines.
 */
export function invoicePdf(doc: InvoiceDocument, locale: Locale, timezone: string): Promise<Buffer> {
  const w = WORDS[locale];
  const date = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: timezone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(doc.issuedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${w[doc.kind]} ${doc.number}`, Author: doc.issuer.name },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font('Helvetica-Bold').fontSize(20).text(w[doc.kind]);
  pdf.font('Helvetica').fontSize(10).moveDown(0.5);
  pdf.text(`${w.number}: ${doc.number}`);
  pdf.text(`${w.date}: ${date}`);
  if (doc.orderId) pdf.text(`${w.order}: #${doc.orderId}`);
  if (doc.status === 'cancelled' && doc.cancelledByNumber)
    pdf.font('Helvetica-Bold').text(w.cancelled(doc.cancelledByNumber)).font('Helvetica');
  if (doc.creditedNumber) pdf.text(`${w.credits}: ${doc.creditedNumber}`);
  if (doc.replacesNumber) pdf.text(`${w.replaces}: ${doc.replacesNumber}`);

  pdf.moveDown();
  const top = pdf.y;
  pdf.font('Helvetica-Bold').text(w.from, 50, top).font('Helvetica');
  pdf.text(doc.issuer.name);
  for (const line of doc.issuer.address) pdf.text(line);
  pdf.text(`${w.npwp}: ${doc.issuer.npwp}`);
  if (doc.issuer.email) pdf.text(doc.issuer.email);
  const left = pdf.y;
  pdf.font('Helvetica-Bold').text(w.to, 300, top).font('Helvetica');
  const b = doc.billing;
  for (const line of [b.company, b.fullName, ...b.address.split('\n'), b.country, b.email].filter(Boolean))
    pdf.text(line, 300);
  if (b.taxId)
    pdf.text(
      `${b.country === 'ID' ? w.npwp : w.taxId}: ${b.country === 'ID' ? formatNpwp(b.taxId) : b.taxId}`,
      300,
    );
  pdf.x = 50;
  pdf.y = Math.max(left, pdf.y) + 20;

  const row = (label: string, amount: string, bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    pdf.text(label, 50, y, { width: 350 });
    const after = pdf.y;
    pdf.text(amount, 400, y, { width: 145, align: 'right' });
    pdf.y = Math.max(after, pdf.y) + 4;
  };
  row(w.description, w.amount, true);
  pdf.moveTo(50, pdf.y).lineTo(545, pdf.y).stroke();
  pdf.y += 6;
  row(doc.description, formatRupiah(doc.total));
  pdf.moveDown(0.5);
  if (doc.taxBp > 0) {
    row(w.subtotal, formatRupiah(doc.subtotal));
    row(
      w.tax(String(doc.taxBp / 100).replace('.', locale === 'id' ? ',' : '.')),
      formatRupiah(doc.taxAmount),
    );
  }
  row(w.total, formatRupiah(doc.total), true);
  pdf.moveDown();
  const source = (w.sources as Record<string, string>)[doc.paymentSource] ?? doc.paymentSource;
  pdf.font('Helvetica').text(`${w.payment}: ${source} (${doc.paymentReference})`, 50);
  if (doc.reason) pdf.text(`${w.reason}: ${doc.reason}`, 50);
  pdf.moveDown(2).fontSize(8).fillColor('#555555').text(w.footer, 50);
  pdf.end();
  return done;
}
