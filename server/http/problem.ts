import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ZodError } from 'zod';
import { urlWithoutSecrets } from '../logging.js';

/** RFC 9457 problem details. `type` is stable: clients may switch on it. */
export const PROBLEM_BASE = 'https://pasar.dev/problems/';

export interface FieldError {
  /** JSON-pointer-like dotted path into the request part, e.g. `body.email`. */
  field: string;
  message: string;
  code?: string;
}

type StandardMember = 'type' | 'title' | 'status' | 'detail' | 'instance';

/** What a `Problem` is made of: `status`, `slug` and `title` always; the rest when there is more to say. */
export interface ProblemInit {
  status: number;
  slug: string;
  title: string;
  detail?: string;
  /**
   * Extension members of the body (RFC 9457 §3.2). The standard members' names are refused: a record's
   * `status` here was overwritten by the HTTP status, so clients never saw it (name it `state`).
   */
  extra?: Record<string, unknown> & { [K in StandardMember]?: never };
  /** Response headers sent with it (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

export class Problem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly detail?: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor({ status, slug, title, detail, extra = {}, headers = {} }: ProblemInit) {
    super(detail ?? title);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.detail = detail;
    this.extra = extra;
    this.headers = headers;
  }

  get type(): string {
    return PROBLEM_BASE + this.slug;
  }

  /** RFC 9457: the standard members always win; extension members never overwrite them. */
  toJSON(instance?: string) {
    return {
      ...this.extra,
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
    };
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = 'The request is not valid: see `errors`.') =>
    new Problem({
      status: 400,
      slug: 'validation-error',
      title: 'Invalid request',
      detail,
      extra: { errors },
    }),
  invalidCredentials: (detail = 'The email or password is wrong.') =>
    new Problem({ status: 401, slug: 'invalid-credentials', title: 'Wrong email or password', detail }),
  unauthenticated: (detail = 'Log in first.') =>
    new Problem({ status: 401, slug: 'unauthenticated', title: 'Authentication required', detail }),
  forbidden: (detail: string) =>
    new Problem({ status: 403, slug: 'forbidden', title: 'Not allowed', detail }),
  csrf: () =>
    new Problem({
      status: 403,
      slug: 'csrf-token-invalid',
      title: 'CSRF token missing or invalid',
      detail: 'State-changing requests must carry the X-CSRF-Token header from GET /api/admin/me.',
    }),
  notFound: (what = 'resource') =>
    new Problem({ status: 404, slug: 'not-found', title: 'Not found', detail: `No such ${what}.` }),
  conflict: (slug: string, title: string, detail: string, extra?: ProblemInit['extra']) =>
    new Problem({ status: 409, slug, title, detail, extra }),
  unprocessable: (slug: string, title: string, detail: string, extra?: ProblemInit['extra']) =>
    new Problem({ status: 422, slug, title, detail, extra }),
  rateLimited: (retryAfterSeconds: number, detail: string) =>
    new Problem({
      status: 429,
      slug: 'rate-limited',
      title: 'Too many attempts',
      detail,
      extra: { retryAfterSeconds },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
};

export function zodFieldErrors(error: ZodError, part: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * A database refusal that a check above it should have caught, answered as what it is rather than a 500:
 * a unique violation is a conflict with existing data (two requests raced past the same check); a data
 * exception (a value out of range or not representable) is bad input. No SQL text reaches the client.
 */
function databaseProblem(thrown: unknown): Problem | null {
  const code = (thrown as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === '23505')
    return problems.conflict(
      'conflict',
      'Conflict with existing data',
      'Another request recorded the same thing at the same moment; reload and try again.',
    );
  if (code.startsWith('22'))
    return problems.validation(
      [{ field: 'body', message: 'A value is out of range or cannot be stored.' }],
      'A value in the request is out of range or cannot be stored.',
    );
  return null;
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new Problem({
      status: 404,
      slug: 'route-not-found',
      title: 'Not found',
      detail: `${req.method} ${req.path} is not a route of this API.`,
    }),
  );
};

/** The last middleware: every error leaves as problem+json, and never with a stack trace. */
export const problemHandler: ErrorRequestHandler = (thrown, req, res, _next) => {
  // What Express and body-parser throw: http-errors with a status, a type and an expose flag.
  const err = thrown as { type?: string; status?: unknown; expose?: boolean; message?: string } | undefined;
  let problem: Problem;
  if (thrown instanceof Problem) {
    problem = thrown;
  } else if (err?.type === 'entity.parse.failed') {
    problem = problems.validation(
      [{ field: 'body', message: 'The body is not valid JSON.' }],
      'The body is not valid JSON.',
    );
  } else if (err?.type === 'entity.too.large') {
    problem = new Problem({
      status: 413,
      slug: 'payload-too-large',
      title: 'Request body too large',
      detail: 'The request body is larger than this route accepts.',
    });
  } else if (databaseProblem(thrown)) {
    problem = databaseProblem(thrown)!;
    req.log?.warn({ code: (thrown as { code?: string }).code }, 'database refused a value');
  } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
    problem = new Problem({
      status: err.status,
      slug: 'bad-request',
      title: 'Bad request',
      detail: err.expose ? err.message : undefined,
    });
  } else {
    req.log?.error({ err: thrown }, 'unhandled error');
    problem = new Problem({
      status: 500,
      slug: 'internal-error',
      title: 'Internal error',
      detail:
        `Something went wrong on our side. Quote request id ` +
        `${typeof req.id === 'object' ? '' : req.id} to support.`,
    });
  }
  if (res.headersSent) return;
  for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v);
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problem.toJSON(urlWithoutSecrets(req.originalUrl))));
};
