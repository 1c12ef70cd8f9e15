import { z, type ZodType } from 'zod';
import type { RouteDef } from './route.js';
import { PROBLEM_BASE } from './problem.js';

function jsonSchema(schema: ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(schema: ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', examples: [`${PROBLEM_BASE}validation-error`] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    state: {
      type: 'string',
      description: 'On a 409: the state the record is in (`status` is always the HTTP status)',
    },
    transition: { type: 'string', description: 'On a 409 of a state machine: the action refused' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
};

/** MNY-5: routes that move money take a key; a retry with it replays the first answer. */
const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Retry-safe key (e.g. a UUID): the same key and body replay the first answer and move nothing.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** OpenAPI 3.1 from the same zod schemas that validate the requests. */
export function buildOpenApi(routes: readonly RouteDef[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = openApiPath(r.path);
    const responses: Record<string, unknown> = {};
    const ok = String(r.status ?? (r.response || r.produces ? 200 : 204));
    responses[ok] = r.produces
      ? { description: 'OK', content: { [r.produces]: {} } }
      : r.response
        ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response) } } }
        : { description: ok === '204' ? 'No content' : 'OK' };
    if (r.params || r.query || r.body)
      responses['400'] = problemResponse('Invalid request (field errors in `errors`)');
    if (r.access.kind !== 'public') {
      responses['401'] = problemResponse('Not logged in');
      responses['403'] = problemResponse('Role not allowed, CSRF token missing, or account restricted');
    }
    const security =
      r.access.kind === 'user' ? [{ bearer: [] }] : r.access.kind === 'public' ? [] : [{ staffSession: [] }];
    const roles =
      r.access.kind === 'staff'
        ? [...new Set(['admin', ...r.access.roles])]
        : r.access.kind === 'staff-any'
          ? ['any staff role']
          : undefined;
    paths[p] ??= {};
    paths[p][r.method] = {
      operationId: `${r.method}${p
        .replace(/[{}]/g, '')
        .split(/[/-]/)
        .filter(Boolean)
        .map((s) => s[0]!.toUpperCase() + s.slice(1))
        .join('')}`,
      summary: r.summary,
      tags: [r.tag],
      ...(roles ? { description: `Roles: ${roles.join(', ')}.`, 'x-roles': roles } : {}),
      security,
      parameters: [
        ...parameters(r.params, 'path'),
        ...parameters(r.query, 'query'),
        ...(r.idempotent ? [idempotencyKeyHeader] : []),
      ],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pasar API',
      version: info.version,
      description:
        'Public API (`/api/v1`, bearer token) and back-office API (`/api/admin`, staff session cookie +' +
        ' `X-CSRF-Token`). Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/v1/auth/login' },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'pasar.sid',
          description: 'Session from POST /api/admin/session',
        },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
