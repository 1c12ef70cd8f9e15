import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  envelopeTo: string[];
  envelopeFrom: string;
  parsed: ParsedMail;
}

/** An SMTP reply the test server gives to a recipient instead of accepting it. */
export interface Refusal {
  code: number;
  message: string;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Refuse RCPT TO for this address with `code`, `times` times (Infinity: always). */
  refuse(address: string, refusal: Refusal, times?: number): void;
  /** How often each recipient was tried (RCPT TO). */
  tries(address: string): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process (smtp-server on a free loopback port, no TLS, any login): the
 * product's SmtpMailer talks to it over TCP as it would to a provider; mail it accepts is parsed with
 * mailparser into `received`.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, { refusal: Refusal; left: number }>();
  const tries = new Map<string, number>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'test' }),
    onRcptTo(address, _session, cb) {
      const to = address.address.toLowerCase();
      tries.set(to, (tries.get(to) ?? 0) + 1);
      const r = refusals.get(to);
      if (r && r.left > 0) {
        r.left--;
        return cb(Object.assign(new Error(r.refusal.message), { responseCode: r.refusal.code }));
      }
      cb();
    },
    onData(stream, session: SMTPServerSession, cb) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({
            envelopeTo: session.envelope.rcptTo.map((a) => a.address),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            parsed,
          });
          cb();
        },
        (e: Error) => cb(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://user:secret@127.0.0.1:${port}`,
    received,
    refuse: (address, refusal, times = Infinity) =>
      refusals.set(address.toLowerCase(), { refusal, left: times }),
    tries: (address) => tries.get(address.toLowerCase()) ?? 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
