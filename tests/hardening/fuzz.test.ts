import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp, type StaffClient, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import type { StaffRole } from '../../db/schema.js';

/**
 * Issue #13, item 12: bad requests for every operation of GET /api/openapi.json, generated from its
 * schemas and sent by a caller of the right role: wrong types, missing and extra fields, 1 MB strings,
 * NUL and lone surrogates, negative, float, huge and non-numeric numbers and ids, malformed JSON, the
 * wrong content type, bad sort/range/filter. No answer may be a 5xx; every 4xx is problem+json without
 * a stack trace or SQL. The request count is bounded (a few per operation, the kinds taken in turn) so it
 * runs in CI in well under a minute.
 */
const t = useTestApp();

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  minLength?: number;
};
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Record<string, unknown>[];
  'x-roles'?: string[];
};

/** A plausible value for a schema: the starting point each mutation breaks in one way. */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt?.length) return sample(alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]),
      );
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }
}

/** Replaces every leaf of a value with what `leaf` makes of it. */
function mapLeaves(v: unknown, leaf: (x: unknown) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => mapLeaves(x, leaf));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapLeaves(x, leaf)]));
  return leaf(v);
}

const wrongType = (x: unknown) =>
  typeof x === 'string' ? 12345 : typeof x === 'number' ? 'twelve' : typeof x === 'boolean' ? 'yes' : true;
const ifString = (f: (s: string) => unknown) => (x: unknown) => (typeof x === 'string' ? f(x) : x);
const ifNumber = (n: unknown) => (x: unknown) => (typeof x === 'number' ? n : x);

/** The bodies to send: each breaks the plausible body in one way. */
function badBodies(schema: Schema): { name: string; raw?: string; type?: string; body?: unknown }[] {
  const good = sample(schema);
  return [
    { name: 'empty object', body: {} },
    { name: 'wrong types', body: mapLeaves(good, wrongType) },
    { name: 'extra field', body: { ...(good as object), unexpectedField: 'x', constructor: 1 } },
    {
      name: 'NUL',
      body: mapLeaves(
        good,
        ifString((s) => `${s}\u0000`),
      ),
    },
    {
      name: 'lone surrogate',
      body: mapLeaves(
        good,
        ifString((s) => `${s}\ud800`),
      ),
    },
    {
      name: '1 MB string',
      body: mapLeaves(
        good,
        ifString(() => 'x'.repeat(1_000_001)),
      ),
    },
    { name: 'negative', body: mapLeaves(good, ifNumber(-1)) },
    { name: 'float', body: mapLeaves(good, ifNumber(1.5)) },
    { name: 'huge', body: mapLeaves(good, ifNumber(1e20)) },
    { name: 'array instead of object', body: [good] },
    { name: 'malformed JSON', raw: '{"a": ', type: 'application/json' },
    { name: 'wrong content type', raw: 'hello', type: 'text/plain' },
  ];
}

const BAD_IDS = ['1e3', '-1', '0x1F', 'abc', '99999999999999999999', '1.5', '%00'];
const BAD_QUERY = ['-1', '1.5', 'abc', '99999999999999999999', '\u0000', '\ud800'];
const BAD_LIST: Record<string, string>[] = [
  { sort: '["__proto__","ASC"]' },
  { sort: '["id","SIDEWAYS"]' },
  { range: '[0,1e9]' },
  { range: '[-5,"a"]' },
  { filter: '{"id":1.5,"constructor":1}' },
  { filter: '[1,2' },
];

describe('Hardening: fuzzing every operation of the OpenAPI document', () => {
  it('no 5xx, every 4xx problem+json, no stack or SQL text in any answer', async () => {
    const started = Date.now();
    // Some data, so ids like 1 name real rows.
    await makeOrder(t, { upTo: 'delivered' });
    const doc = (await request(t.app).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const staffClients = new Map<string, StaffClient>();
    const staffFor = async (op: Operation) => {
      const role = (op['x-roles']?.find((r) => r !== 'admin' && r !== 'any staff role') ??
        'admin') as StaffRole;
      if (!staffClients.has(role)) staffClients.set(role, await t.staff(role));
      return staffClients.get(role)!;
    };
    let user: UserClient | undefined;
    const failures: string[] = [];
    let sent = 0;
    let opIndex = 0;

    const send = async (
      method: string,
      path: string,
      op: Operation,
      what: string,
      opts: { query?: Record<string, string>; body?: unknown; raw?: string; type?: string } = {},
    ) => {
      const kind = op.security?.[0] ? Object.keys(op.security[0])[0] : 'public';
      // Logging out would end the session the rest of the run uses: those go anonymously.
      const anonymous = /\/(logout|session)$/.test(path) && method !== 'get';
      let req: request.Test;
      if (kind === 'bearer' && !anonymous) {
        user ??= await t.seller();
        req = request(t.app)[method as 'get'](path).set('Authorization', `Bearer ${user.token}`);
      } else if (kind === 'staffSession' && !anonymous) {
        const staff = await staffFor(op);
        req = staff.agent[method as 'get'](path).set('X-CSRF-Token', staff.csrfToken);
      } else req = request(t.app)[method as 'get'](path);
      if (opts.query) req = req.query(opts.query);
      if (opts.raw !== undefined) req = req.set('Content-Type', opts.type!).send(opts.raw);
      else if (opts.body !== undefined) req = req.send(opts.body as object);
      const res = await req;
      sent++;
      const where = `${method.toUpperCase()} ${path} (${what}) → ${res.status}`;
      const text = res.text ?? '';
      if (res.status >= 500) failures.push(`${where}: ${text.slice(0, 200)}`);
      else if (res.status >= 400 && !/application\/problem\+json/.test(res.headers['content-type'] ?? ''))
        failures.push(`${where}: not problem+json`);
      if (/\n\s+at |node_modules|\.ts:\d+|syntax error at|relation "|violates .* constraint/i.test(text))
        failures.push(`${where}: leaks internals: ${text.slice(0, 200)}`);
    };

    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // Test-only routes: moving the clock or emptying the database would pull the ground from under
        // the other requests.
        if (template.startsWith('/api/admin/test-clock') || template.startsWith('/api/test/')) continue;
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
        const withIds = (id: string) => template.replace(/\{\w+\}/g, id);
        const path = withIds('1');
        // Each operation gets a few of each kind of mutation, in turn, so every kind reaches many
        // operations while the run stays near a thousand requests.
        const turn = opIndex++;
        const pick = <T>(list: readonly T[], n: number) =>
          Array.from({ length: Math.min(n, list.length) }, (_, i) => list[(turn * n + i) % list.length]!);
        for (const bad of pathParams.length ? pick(BAD_IDS, 2) : [])
          await send(method, withIds(encodeURIComponent(bad).replace('%2500', '%00')), op, `id ${bad}`);
        for (const q of queryParams.slice(0, 4))
          for (const bad of pick(BAD_QUERY.slice(0, 4), 1))
            await send(method, path, op, `query ${q.name}`, { query: { [q.name]: bad } });
        if (queryParams.some((q) => q.name === 'sort'))
          for (const bad of pick(BAD_LIST, 2))
            await send(method, path, op, `list ${JSON.stringify(bad)}`, { query: bad });
        else if (queryParams.length)
          await send(method, path, op, 'query NUL and surrogate', {
            query: Object.fromEntries(queryParams.map((q, i) => [q.name, BAD_QUERY[4 + (i % 2)]!])),
          });
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema)
          for (const b of [...badBodies(schema).slice(0, 2), ...pick(badBodies(schema).slice(2), 3)])
            await send(method, path, op, `body ${b.name}`, { body: b.body, raw: b.raw, type: b.type });
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`fuzz: ${sent} requests over ${Object.keys(doc.paths).length} paths in ${seconds}s`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(400);
  }, 120_000);
});
