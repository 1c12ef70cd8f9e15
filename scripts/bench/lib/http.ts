import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile, type Sample } from './stats.js';

/** One HTTP call of a measure or of the setup. */
export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Answer {
  status: number;
  /** The JSON answer; the benchmark reads the ids it needs from it. */
  body: { id: number; csrfToken: string; [field: string]: unknown };
  headers: http.IncomingHttpHeaders;
}

/** A keep-alive client of one server: as many sockets as the measure has clients. */
export function client(baseUrl: string, sockets = 16) {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  function send(call: Call): Promise<Answer> {
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          method: call.method,
          path: call.path,
          agent,
          headers: {
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
            ...call.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json') && text) body = JSON.parse(text);
            resolve({ status: res.statusCode ?? 0, body: body as Answer['body'], headers: res.headers });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
  return { send, close: () => agent.destroy() };
}

export type Client = ReturnType<typeof client>;

/** Setup calls must succeed: anything else stops the run with the answer. */
export async function must(c: Client, call: Call, expect: number[] = [200, 201]): Promise<Answer> {
  const a = await c.send(call);
  if (!expect.includes(a.status))
    throw new Error(`${call.method} ${call.path} → ${a.status} ${JSON.stringify(a.body).slice(0, 500)}`);
  return a;
}

/** Runs `n` tasks with at most `width` at a time (setup work). */
export async function inParallel<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/**
 * Closed-loop load: `clients` callers each take the next call from the queue, wait for its answer, and take
 * another, until the queue is empty or `seconds` have passed. The rate counts answers the measure accepts
 * (`ok`); everything else is an error, counted by status.
 */
export async function drive(
  c: Client,
  queue: Call[] | (() => Call | null),
  opts: { clients: number; seconds: number; ok?: (status: number) => boolean },
): Promise<Sample & { done: number }> {
  const next = Array.isArray(queue) ? () => queue.shift() ?? null : queue;
  const ok = opts.ok ?? ((s: number) => s >= 200 && s < 300);
  const latencies: number[] = [];
  const detail: Record<string, number> = {};
  let done = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + opts.seconds * 1000;
  let last = start;
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      for (let call = next(); call && performance.now() < deadline; call = next()) {
        const t0 = performance.now();
        let status = 0;
        try {
          status = (await c.send(call)).status;
        } catch (e) {
          detail[(e as NodeJS.ErrnoException).code ?? 'socket'] =
            (detail[(e as NodeJS.ErrnoException).code ?? 'socket'] ?? 0) + 1;
        }
        last = performance.now();
        latencies.push(last - t0);
        if (ok(status)) done++;
        else {
          errors++;
          if (status) detail[String(status)] = (detail[String(status)] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (last - start) / 1000;
  return { rate: seconds > 0 ? done / seconds : 0, p99Ms: percentile(latencies, 99), errors, detail, done };
}
