import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { z, type ZodType } from 'zod';
import type { Kysely } from 'kysely';
import type { Database, InTransaction, Staff, StaffRole, User } from '../../db/schema.js';
import { problems, zodFieldErrors } from './problem.js';
import { idString, unstorableStrings } from './schemas.js';
import { idempotent } from './idempotency.js';

/**
 * Who may call a route. Staff routes name their roles right here, next to the route
 * (OPS-1); `admin` may call every staff route.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'staff'; roles: readonly StaffRole[] }
  /** Staff route that is open to any logged-in role (e.g. "who am I"). */
  | { kind: 'staff-any' };

export const access = {
  public: { kind: 'public' } as const,
  user: { kind: 'user' } as const,
  staff: (...roles: StaffRole[]) => ({ kind: 'staff', roles }) as const,
  anyStaff: { kind: 'staff-any' } as const,
} satisfies Record<string, Access | ((...roles: StaffRole[]) => Access)>;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who is calling, by the route's access: a user route always has its `user`, a staff route
 * its `staff` (the auth middleware answered 401 otherwise), so handlers never assert them.
 */
export type Caller<A extends Access> = A extends { kind: 'user' }
  ? { user: User; staff: undefined }
  : A extends { kind: 'staff' | 'staff-any' }
    ? { staff: Staff; user: undefined }
    : { staff: undefined; user: undefined };

export type HandlerInput<P, Q, B, A extends Access = Access> = {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
  /**
   * The use case's transaction. On an `idempotent` route it records the answer under the caller's
   * Idempotency-Key in the same transaction, so a retry replays it and moves nothing (MNY-5).
   */
  transaction: InTransaction;
} & Caller<A>;

// A route table mixes routes of every parameter type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface RouteDef<P = any, Q = any, B = any, A extends Access = Access> {
  method: Method;
  /** Express path, e.g. `/api/admin/audit-log/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Documented success body. */
  response?: ZodType;
  status?: number;
  /** Routes that answer with something other than JSON (CSV, HTML, a redirect) say so. */
  produces?: string;
  /** Extra middleware that runs after auth and before validation (e.g. rate limits). */
  before?: RequestHandler[];
  /** A GET that changes state (a download that marks what it exported) still needs the CSRF header. */
  csrfOnGet?: boolean;
  /**
   * MNY-5: the route moves money and honours `Idempotency-Key`; its handler must do its work in
   * `transaction`. Every route that posts to the ledger says so (a test holds the list).
   */
  idempotent?: true;
  /**
   * Returns the JSON body, or `undefined` when it already answered. Method syntax on purpose: a
   * route table holds routes of every access kind, each handler typed for its own caller.
   */
  handler(input: HandlerInput<P, Q, B, A>): unknown;
}

export function defineRoute<
  P = Record<string, never>,
  Q = Record<string, never>,
  B = undefined,
  const A extends Access = Access,
>(def: RouteDef<P, Q, B, A>): RouteDef<P, Q, B, A> {
  return def;
}

export function isStateChanging(route: Pick<RouteDef, 'method' | 'csrfOnGet'>): boolean {
  return route.method !== 'get' || route.csrfOnGet === true;
}

export function mayCall(route: RouteDef, role: StaffRole): boolean {
  if (route.access.kind === 'staff-any') return true;
  if (route.access.kind !== 'staff') return false;
  return role === 'admin' || route.access.roles.includes(role);
}

export interface AuthMiddleware {
  /** Sets req.user (an end user) from the bearer token, or answers 401. */
  user: RequestHandler;
  /** Ensures a logged-in, active staff member on req.staff, or answers 401. */
  staff: RequestHandler;
  /** Checks the X-CSRF-Token header against the session. */
  csrf: RequestHandler;
}

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, part: string, decision = false): T {
  if (!schema) return (part === 'body' ? undefined : {}) as T;
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!result.success) {
    const errors = zodFieldErrors(result.error, part);
    // OPS-6: a staff decision that lacks only its reason is well-formed but not acceptable: 422 on the field.
    if (decision && errors.every((e) => e.field === 'body.reason'))
      throw problems.unprocessable(
        'reason-required',
        'A reason is required',
        'Every decision that affects a user carries a written reason both parties can read (OPS-6).',
        { errors },
      );
    throw problems.validation(errors);
  }
  return result.data;
}

/** The caller the auth middleware established for this route's access (it answered 401 otherwise). */
function callerOf(a: Access, req: Request): Caller<Access> {
  if (a.kind === 'user') {
    if (!req.authUser) throw new Error('user route reached without an authenticated user');
    return { user: req.authUser, staff: undefined };
  }
  if (a.kind === 'staff' || a.kind === 'staff-any') {
    if (!req.staff) throw new Error('staff route reached without a logged-in staff member');
    return { staff: req.staff, user: undefined };
  }
  return { staff: undefined, user: undefined };
}

/** Mounts routes on the app: auth → role → CSRF → extra → validation → handler. */
export function mountRoutes(
  app: Express,
  routes: readonly RouteDef[],
  auth: AuthMiddleware,
  data: { db: Kysely<Database>; now: () => Date },
): void {
  for (const route of routes) {
    const chain: RequestHandler[] = [];
    if (route.access.kind === 'user') chain.push(auth.user);
    if (route.access.kind === 'staff' || route.access.kind === 'staff-any') {
      chain.push(auth.staff);
      chain.push((req, _res, next) => {
        const role = req.staff?.role;
        if (!role || !mayCall(route, role)) {
          return next(
            problems.forbidden(`Your role (${role}) may not ${route.method.toUpperCase()} ${route.path}.`),
          );
        }
        next();
      });
      if (isStateChanging(route)) chain.push(auth.csrf);
    }
    chain.push(...(route.before ?? []));
    chain.push(async (req: Request, res: Response, _next: NextFunction) => {
      const unstorable = [
        ...unstorableStrings(req.params, 'params'),
        ...unstorableStrings(req.query, 'query'),
        ...unstorableStrings(req.body, 'body'),
      ];
      if (unstorable.length) throw problems.validation(unstorable);
      const params: unknown = parsePart(route.params, req.params, 'params');
      const query: unknown = parsePart(route.query, req.query, 'query');
      const body: unknown = parsePart(
        route.body,
        req.body,
        'body',
        route.access.kind === 'staff' && route.method === 'post',
      );
      const caller = req.staff ? `staff:${req.staff.id}` : req.authUser ? `user:${req.authUser.id}` : null;
      const transaction: InTransaction = (work) =>
        route.idempotent && caller
          ? idempotent(data.db, { req, res, scope: caller, now: data.now }, work)
          : data.db.transaction().execute(work);
      const result = await route.handler({
        params,
        query,
        body,
        req,
        res,
        ...callerOf(route.access, req),
        transaction,
      });
      if (result === undefined) {
        if (!res.headersSent) res.status(route.status ?? 204).end();
        return;
      }
      // A handler may set another status for its answer (health checks answer 503 with a body).
      res.status(route.status ?? res.statusCode).json(result);
    });
    app[route.method](route.path, ...chain);
  }
}

/** Path parameter `:id` as a positive integer, in digits only. */
export const idParams = z.object({ id: idString });

/** A reason a person can read: required wherever a staff action affects someone (OPS-6). */
export const reason = z.string().trim().min(3, 'Give a reason of at least 3 characters').max(2000);
