import path from 'node:path';
import express, { type Express } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { notFoundHandler } from './problem.js';

/**
 * The built console. Hashed assets under /assets never change under their name: they are
 * cached for a year and served from the brotli or gzip copy the build wrote next to them.
 * index.html is revalidated on every load so a new build is picked up at once.
 */
export function serveConsole(app: Express, dist: string): void {
  app.use(
    '/assets',
    expressStaticGzip(path.join(dist, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      serveStatic: { index: false, maxAge: '365d', immutable: true },
    }),
    notFoundHandler,
  );
  app.use(
    express.static(dist, {
      index: false,
      maxAge: '1h',
      // Asked for by name, index.html is revalidated too: a cached one would name assets a new build removed.
      setHeaders: (res, file) => {
        if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'));
  });
}
