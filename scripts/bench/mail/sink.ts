import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The mail suite's SMTP sink: smtp-server (the package the adapter tests talk to) on a free loopback port,
 * no TLS, any login, accepting every message. It keeps no message, only how often each recipient was
 * delivered (DATA accepted), so that the suite can tell that every queued mail arrived exactly once.
 */
export interface SmtpSink {
  url: string;
  /** Messages accepted since the start. */
  received(): number;
  /** Recipient → messages accepted for it. */
  counts: Map<string, number>;
  /** Resolves when `n` messages have been accepted in all. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSink(): Promise<SmtpSink> {
  const counts = new Map<string, number>();
  let received = 0;
  let waiting: { n: number; resolve: () => void } | null = null;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'bench' }),
    onData(stream, session, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const to of session.envelope.rcptTo) {
          const address = to.address.toLowerCase();
          counts.set(address, (counts.get(address) ?? 0) + 1);
        }
        received++;
        if (waiting && received >= waiting.n) {
          waiting.resolve();
          waiting = null;
        }
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://bench:secret@127.0.0.1:${port}`,
    received: () => received,
    counts,
    waitFor: (n) =>
      received >= n ? Promise.resolve() : new Promise((resolve) => (waiting = { n, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
