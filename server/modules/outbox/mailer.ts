import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Where delivered notifications go. Production plugs an SMTP or provider adapter in here. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
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
