import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import type { BenchOptions } from '../index.js';
import { createDatabase, dropDatabase } from '../lib/db.js';
import { freePort, healthy } from '../lib/proc.js';
import type { Row } from '../lib/report.js';
import { median } from '../lib/stats.js';

/**
 * `npm run bench -- console` (issue #15): the support queue opened cold in Debian's Chromium (a new
 * browser context each round: empty cache, a signed-in session cookie), from navigation to its first
 * rows on screen, and the JavaScript the page transferred (compressed bytes on the wire). The product
 * runs as `npm start` does, with the demo data, on a PostgreSQL database of its own.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const TARGETS = { firstRowsS: 1.0, jsKb: 400 };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function post(port: number, pathName: string, body: unknown): Promise<{ status: number; cookie: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathName,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function waitHealthy(port: number) {
  const until = performance.now() + 120_000;
  while (performance.now() < until) {
    if (await healthy(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the product did not become healthy');
}

export async function runConsole(opts: BenchOptions): Promise<Row[]> {
  if (!existsSync(path.join(ROOT, 'console/dist/index.html')))
    throw new Error('console: build the console first (npm run build)');
  const rounds = opts.quick ? 3 : 7;
  const database = await createDatabase('console');
  const port = await freePort();
  const product = spawn(process.execPath, ['scripts/launch.mjs', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: database.url,
      PASAR_DEMO: '1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    await waitHealthy(port);
    const login = await post(port, '/api/admin/session', {
      email: 'support@pasar.test',
      password: process.env.PASAR_DEMO_PASSWORD || 'Pasar-Demo-2026',
    });
    if (login.status !== 200) throw new Error(`support login answered ${login.status}`);
    const [name, value] = login.cookie.split('=') as [string, string];
    const seconds: number[] = [];
    const harness: number[] = [];
    const jsKb: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
      // The moment the first row of the list's own Datagrid (not a table elsewhere on the screen) is drawn,
      // on the page's clock (milliseconds since navigation started): the frame after the one that put the
      // row in the document. Playwright's own wait polls the page from outside and adds its latency.
      await context.addInitScript(() => {
        const seen = new MutationObserver(() => {
          if (!document.querySelector('.RaList-main .RaDatagrid-row')) return;
          seen.disconnect();
          requestAnimationFrame(() =>
            setTimeout(
              () => ((window as unknown as { firstRowsAt: number }).firstRowsAt = performance.now()),
            ),
          );
        });
        seen.observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const scripts = new Set<string>();
      let bytes = 0;
      cdp.on('Network.responseReceived', (e) => {
        if (e.type === 'Script') scripts.add(e.requestId);
      });
      cdp.on('Network.loadingFinished', (e) => {
        if (scripts.has(e.requestId)) bytes += e.encodedDataLength;
      });
      const started = performance.now();
      await page.goto(`http://127.0.0.1:${port}/#/support-cases`);
      // The list's own rows (react-admin's Datagrid in the page's List), not a table elsewhere on the screen.
      await page
        .locator('.RaList-main .RaDatagrid-row')
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      const seen = (performance.now() - started) / 1000;
      await page.waitForFunction(() => 'firstRowsAt' in window);
      seconds.push(
        (await page.evaluate(() => (window as unknown as { firstRowsAt: number }).firstRowsAt)) / 1000,
      );
      harness.push(seen);
      // Chunks the page asked for after its first rows (prefetched routes) count too.
      await page.waitForLoadState('networkidle');
      jsKb.push(bytes / 1024);
      await context.close();
      opts.log(
        `console: round ${round + 1}: ${seconds.at(-1)!.toFixed(2)} s (${harness.at(-1)!.toFixed(2)} s as ` +
          `Playwright saw it), ${jsKb.at(-1)!.toFixed(0)} kB JS`,
      );
    }
    const s = median(seconds);
    const kb = median(jsKb);
    return [
      {
        measure: 'console: support queue cold load to first rows (Chromium)',
        product: seconds.map((x) => ({ rate: 1 / x, p99Ms: x * 1000, errors: 0 })),
        notes:
          `${s.toFixed(2)} s median from navigation start (target ≤ ${TARGETS.firstRowsS} s; ` +
          `${median(harness).toFixed(2)} s as Playwright's polling saw it) ` +
          `${s <= TARGETS.firstRowsS ? 'met' : 'NOT MET'}`,
      },
      {
        measure: 'console: JavaScript transferred for that page',
        product: [{ rate: NaN, p99Ms: NaN, errors: 0 }],
        notes:
          `${kb.toFixed(0)} kB compressed (target ≤ ${TARGETS.jsKb} kB) ` +
          `${kb <= TARGETS.jsKb ? 'met' : 'NOT MET'}`,
      },
    ];
  } finally {
    await browser.close();
    product.kill('SIGTERM');
    await new Promise((r) => (product.exitCode !== null ? r(null) : product.once('exit', r)));
    await dropDatabase(database.name);
  }
}
