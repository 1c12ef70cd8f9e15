import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import pLimit from 'p-limit';
import { mailHtml } from '../../../server/notifications/html.js';
import { BODY } from './body.js';

// The mail suite's anchor, in a process of its own as the worker is: nodemailer alone sending N messages
// like the outbox's (text and HTML) to the sink over the same pool, 32 at a time, no database.
// Arguments: the sink's URL and N; prints the rate.
const [url, count] = process.argv.slice(2);
const n = Number(count);
const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: 100 });
const limit = pLimit(32);
const started = performance.now();
await Promise.all(
  Array.from({ length: n }, (_, i) =>
    limit(() =>
      transport.sendMail({
        from: 'Pasar <noreply@pasar.test>',
        to: `anchor-${i}@mail.test`,
        subject: `Order ${i} was delivered`,
        text: BODY,
        html: mailHtml(`Order ${i} was delivered`, BODY, 'en'),
      }),
    ),
  ),
);
console.log(String(n / ((performance.now() - started) / 1000)));
transport.close();
