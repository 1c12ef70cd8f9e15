import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { serveConsole } from '../../server/http/console-assets.js';
import { problemHandler } from '../../server/http/problem.js';

/** Issue #15: the built console is served compressed, hashed assets cached for good, the page never. */
describe('console static serving', () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'pasar-console-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  const js = 'export const answer = 42;\n'.repeat(50);
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), js);
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.gz'), gzipSync(js));
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.br'), brotliCompressSync(js));
  const app = express();
  serveConsole(app, dist);
  app.use(problemHandler);
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves a hashed asset as brotli, else gzip, cached for a year as immutable', async () => {
    const br = await request(app).get('/assets/index-AbC123.js').set('Accept-Encoding', 'gzip, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const gz = await request(app).get('/assets/index-AbC123.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(js);
  });

  it('never lets index.html be cached, by route or by name', async () => {
    for (const url of ['/', '/support-cases', '/index.html']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.text, url).toContain('id="root"');
    }
  });

  it('answers a missing asset 404 as problem+json, not with the page', async () => {
    const res = await request(app).get('/assets/gone-123.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
