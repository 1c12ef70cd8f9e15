import type { Logger } from 'pino';
import type { Mail, Mailer } from '../outbox/mailer.js';
import { SMS_PREFIX } from '../../notifications/templates.js';

export interface Sms {
  /** E.164, e.g. +6281234567890. */
  to: string;
  text: string;
}

/** Where SMS go (ACC-10). Production plugs a provider adapter in here. */
export interface SmsSender {
  send(sms: Sms): Promise<void>;
}

/**
 * Development SMS sender: sends nothing anywhere. Like the development mailer, the message stays stored in
 * the outbox (written in the transaction that made the code, OPS-5) and admins read it at
 * GET /api/admin/sms-outbox and on the console's SMS outbox page.
 */
export class DevelopmentSmsSender implements SmsSender {
  constructor(private readonly logger?: Logger) {}
  send(sms: Sms): Promise<void> {
    this.logger?.info(
      { to: sms.to },
      'sms (development sender: not sent, read it in the console SMS outbox)',
    );
    return Promise.resolve();
  }
}

/**
 * The outbox delivers every message through one Mailer; messages to `sms:+…` recipients go to the SMS
 * sender instead of the mailer.
 */
export function withSms(mailer: Mailer, sms: SmsSender): Mailer & { email: Mailer; sms: SmsSender } {
  return {
    email: mailer,
    sms,
    send: (mail: Mail) =>
      mail.to.startsWith(SMS_PREFIX)
        ? sms.send({ to: mail.to.slice(SMS_PREFIX.length), text: mail.text })
        : mailer.send(mail),
    // The SMTP pool's connections, released when the process stops (lifecycle.ts).
    close: () => mailer.close?.(),
  };
}
