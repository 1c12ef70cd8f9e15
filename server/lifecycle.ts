import type { Server } from 'node:http';
import type { DbHandle } from '../db/connect.js';
import type { AppContext } from './context.js';

/**
 * Idle keep-alive connections stay open longer than a client or proxy keeps them (load balancers close
 * theirs at 60 s): with Node's 5 s the server closed sockets clients were just reusing, and those requests
 * died with ECONNRESET (seen in e2e and in the benchmark). headersTimeout must stay above it.
 */
export function keepIdleConnections(server: Server): Server {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/**
 * SIGTERM / SIGINT: stop accepting connections, let the requests in flight finish (idle keep-alive
 * connections are closed), let the scheduler finish the batch it is running, then close the database and
 * exit 0. Readiness answers 503 from the first moment. After `graceMs` whatever is still open is cut and
 * the process exits 1.
 */
export function shutdownOnSignals(
  ctx: AppContext,
  handle: DbHandle,
  server: Server | null,
  { graceMs = 25_000 }: { graceMs?: number } = {},
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.lifecycle.draining = true;
    ctx.logger.info(
      { signal },
      'shutting down: finishing requests in flight and the current scheduler batch',
    );
    const force = setTimeout(() => {
      ctx.logger.error({ graceMs }, 'shutdown took too long; closing what is still open');
      server?.closeAllConnections();
      process.exit(1);
    }, graceMs);
    force.unref();
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    // A connection busy at this moment turns idle when its answer is sent, and clients keep idle connections
    // open (keepIdleConnections lets them, 65 s): close those as they turn idle, not at the grace's end.
    server?.closeIdleConnections();
    const sweep = setInterval(() => server?.closeIdleConnections(), 100);
    await Promise.all([closed.finally(() => clearInterval(sweep)), ctx.scheduler.stop()]);
    ctx.mailer.close?.();
    await handle.close();
    ctx.logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
