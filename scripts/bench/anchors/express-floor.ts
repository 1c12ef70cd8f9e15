import express from 'express';
import pg from 'pg';
import { pinoHttp } from 'pino-http';
import { createLogger } from '../../../server/logging.js';

/**
 * Issue #14's floor for a read: the least any route of the product must cost under the issue's own terms,
 * with none of the product's code but its logger. `FLOOR=log`: Express 5 answering the hello's JSON with the
 * product's request log line at LOG_LEVEL=info (pino-http, the product's redaction, non-blocking stdout).
 * `FLOOR=query`: the same, answering one row read by primary key with a prepared statement through a `pg`
 * pool (`FLOOR_SQL` with `$1` = `FLOOR_ID`, on DATABASE_URL). A route of the product cannot be faster than
 * these; their ratios to the bare hello bound what a "≥ 0.5× Express hello" target can reach here.
 */
const app = express();
app.set('etag', false);
app.use(pinoHttp({ logger: createLogger('info') }));
if (process.env.FLOOR === 'query') {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const query = { name: 'floor', text: process.env.FLOOR_SQL!, values: [Number(process.env.FLOOR_ID)] };
  app.get('/', (_req, res, next) => {
    pool.query(query).then((r) => res.json(r.rows[0]), next);
  });
} else {
  app.get('/', (_req, res) => {
    res.json({ hello: 'world' });
  });
}
app.listen(Number(process.env.PORT), '127.0.0.1');
