import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML; absent for mailers that only keep text. */
  html?: string;
}

/** Where delivered notifications go: the development mailer, or SMTP when `SMTP_URL` is set. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Releases connections (SMTP pool) when the process stops. */
  close?(): void;
}

/**
 * A send that failed. `permanent` when the server refused the message for good (an SMTP 5xx reply such as
 * "550 mailbox unavailable"): delivery marks it failed at once instead of retrying it.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** True for errors that will fail again however often they are retried (SMTP 5xx replies). */
export function isPermanentMailError(e: unknown): boolean {
  if (e instanceof MailDeliveryError) return e.permanent;
  const code = (e as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Development mailer: sends nothing anywhere. The message stays readable in the outbox
 * (GET /api/admin/outbox and the console's Outbox page) with its delivery status, and
 * is logged.
 */
export class DevelopmentMailer implements Mailer {
  constructor(private readonly logger?: Logger) {}
  send(mail: Mail): Promise<void> {
    this.logger?.info(
      { to: mail.to, subject: mail.subject },
      'mail (development mailer: not sent, read it in the console outbox)',
    );
    return Promise.resolve();
  }
}

/**
 * Real mail through an SMTP server (`SMTP_URL`, e.g. `smtps://user:pass@smtp.example.com:465`; nodemailer
 * reads its options from the URL). Errors keep nodemailer's `responseCode`, which
 * tells a temporary refusal (4xx, retried) from a permanent one (5xx).
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Pooled: a few connections kept open and reused for many messages, instead of a connection (TCP,
    // greeting, EHLO, AUTH, QUIT) per message, which capped delivery at ~200 mails/s (issue #15). The URL
    // may set its own (`?pool=false`, `?maxConnections=2`, `?maxMessages=50`); it wins over these.
    this.transport = nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: 100 });
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
    });
  }

  close(): void {
    this.transport.close();
  }
}
