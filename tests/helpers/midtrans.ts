import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { midtransSignature } from '../../server/modules/payments/midtrans.js';

/** A card token the fake Midtrans declines (status 202, transaction_status deny). */
export const DECLINED_TOKEN = '481111-1114-declined-0000';

interface Txn {
  order_id: string;
  transaction_id: string;
  payment_type: string;
  gross_amount: string;
  transaction_status: string;
  fraud_status?: string;
  va_numbers?: { bank: string; va_number: string }[];
  token_id?: string;
  refund_amount?: number;
}

export interface FakeMidtrans {
  url: string;
  serverKey: string;
  /** Every request it received, with the method, path, Authorization header and JSON body. */
  requests: { method: string; path: string; authorization: string; body: Record<string, unknown> }[];
  transactions: Map<string, Txn>;
  /** Changes a transaction's status on Midtrans' side (the buyer paid, the account expired). */
  setStatus(orderId: string, status: string): void;
  /** The HTTP notification Midtrans sends for a transaction, signed with the server key (or `forgeWith`). */
  notification(
    orderId: string,
    overrides?: Record<string, string>,
    forgeWith?: string,
  ): Record<string, string>;
  /** POSTs a notification to `url`, as Midtrans does to the Payment Notification URL. */
  send(url: string, body: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const money = (n: number) => `${n}.00`;
/** `2026-11-25 10:00:00` in Jakarta, as Midtrans writes times. */
const jakarta = (d: Date) =>
  new Date(d.getTime() + 7 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

/**
 * A local HTTP server answering as the Midtrans Core API documents it (POST /v2/charge for credit_card and
 * bank_transfer, GET /v2/{order_id}/status, POST /v2/{order_id}/refund), authenticated with HTTP basic
 * (server key as the user name). It keeps its own transactions and signs the notifications it sends.
 */
export async function startFakeMidtrans(serverKey = 'SB-Mid-server-pasar-test'): Promise<FakeMidtrans> {
  const transactions = new Map<string, Txn>();
  const requests: FakeMidtrans['requests'] = [];
  const expected = `Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`;
  let va = 12_345_000_000;

  const answer = (res: http.ServerResponse, body: object) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = req.url ?? '';
      requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? '', body });
      if (req.headers.authorization !== expected)
        return answer(res, {
          status_code: '401',
          status_message: 'Access denied due to unauthorized transaction',
        });
      if (req.method === 'POST' && path === '/v2/charge') {
        const details = body.transaction_details as { order_id: string; gross_amount: number };
        if (transactions.has(details.order_id))
          return answer(res, {
            status_code: '406',
            status_message:
              'The request could not be completed due to a conflict with the current' +
              ' state of the target resource, please try again',
          });
        const base = {
          order_id: details.order_id,
          transaction_id: randomUUID(),
          gross_amount: money(details.gross_amount),
          payment_type: body.payment_type as string,
        };
        if (body.payment_type === 'credit_card') {
          const token = (body.credit_card as { token_id: string }).token_id;
          const declined = token === DECLINED_TOKEN;
          const t: Txn = {
            ...base,
            token_id: token,
            transaction_status: declined ? 'deny' : 'capture',
            fraud_status: 'accept',
          };
          transactions.set(t.order_id, t);
          return answer(res, {
            status_code: declined ? '202' : '200',
            status_message: declined
              ? 'Card is not authorized'
              : 'Success, Credit Card transaction is successful',
            ...t,
            currency: 'IDR',
            transaction_time: jakarta(new Date()),
          });
        }
        if (body.payment_type === 'bank_transfer') {
          const bank = (body.bank_transfer as { bank: string }).bank;
          const t: Txn = {
            ...base,
            transaction_status: 'pending',
            va_numbers: [{ bank, va_number: String(va++) }],
          };
          transactions.set(t.order_id, t);
          return answer(res, {
            status_code: '201',
            status_message: 'Success, Bank Transfer transaction is created',
            ...t,
            currency: 'IDR',
            fraud_status: 'accept',
            transaction_time: jakarta(new Date()),
            expiry_time: jakarta(new Date(Date.now() + 86_400_000)),
          });
        }
        return answer(res, { status_code: '400', status_message: 'payment_type is not supported' });
      }
      const status = /^\/v2\/([^/]+)\/status$/.exec(path);
      if (req.method === 'GET' && status) {
        const t = transactions.get(decodeURIComponent(status[1]!));
        if (!t) return answer(res, { status_code: '404', status_message: "Transaction doesn't exist." });
        return answer(res, { status_code: t.transaction_status === 'pending' ? '201' : '200', ...t });
      }
      const refund = /^\/v2\/([^/]+)\/refund$/.exec(path);
      if (req.method === 'POST' && refund) {
        const t = transactions.get(decodeURIComponent(refund[1]!));
        if (!t) return answer(res, { status_code: '404', status_message: "Transaction doesn't exist." });
        const amount = Number(body.amount);
        t.refund_amount = (t.refund_amount ?? 0) + amount;
        t.transaction_status =
          t.refund_amount < Number.parseInt(t.gross_amount) ? 'partial_refund' : 'refund';
        return answer(res, {
          status_code: '200',
          status_message: 'Success, refund request is approved',
          ...t,
          refund_amount: money(amount),
          refund_key: body.refund_key,
        });
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status_code: '404', status_message: 'not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    serverKey,
    requests,
    transactions,
    setStatus(orderId, s) {
      const t = transactions.get(orderId);
      if (!t) throw new Error(`no transaction ${orderId}`);
      t.transaction_status = s;
    },
    notification(orderId, overrides = {}, forgeWith) {
      const t = transactions.get(orderId);
      if (!t) throw new Error(`no transaction ${orderId}`);
      const n: Record<string, string> = {
        transaction_time: jakarta(new Date()),
        transaction_status: t.transaction_status,
        transaction_id: t.transaction_id,
        status_message: 'midtrans payment notification',
        status_code:
          t.transaction_status === 'pending' ? '201' : t.transaction_status === 'expire' ? '202' : '200',
        payment_type: t.payment_type,
        order_id: t.order_id,
        gross_amount: t.gross_amount,
        fraud_status: 'accept',
        currency: 'IDR',
        ...(t.refund_amount ? { refund_amount: money(t.refund_amount) } : {}),
        ...overrides,
      };
      n.signature_key = midtransSignature(n, forgeWith ?? serverKey);
      return n;
    },
    async send(url, body) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
