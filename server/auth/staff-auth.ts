import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { sql } from 'kysely';
import type { Staff } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { problems } from '../http/problem.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { DatabaseSessionStore } from './session-store.js';
import { LOGIN_LIMITS, loginPairKey } from './rate-limit.js';
import type { Actor } from '../modules/audit/audit.js';

export const SESSION_COOKIE = 'pasar.sid';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function findStaffByEmail(ctx: AppContext, email: string): Promise<Staff | undefined> {
  return ctx.db
    .selectFrom('staff')
    .selectAll()
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function actorOf(req: Request): Actor & { type: 'staff' } {
  const staff = req.staff;
  if (!staff) throw problems.unauthenticated();
  return { type: 'staff', id: staff.id, role: staff.role };
}

export function publicStaff(s: Staff) {
  return {
    id: s.id,
    email: s.email,
    name: s.name,
    role: s.role,
    active: s.active,
    createdAt: s.created_at,
    lastLoginAt: s.last_login_at,
  };
}

export function ensureCsrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/** Staff auth for the console: passport-local on a database-backed express-session. */
export function createStaffAuth(ctx: AppContext) {
  const passport = new Passport();
  passport.use(
    'staff-local',
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', session: true },
      (email, password, done) => {
        (async () => {
          const staff = await findStaffByEmail(ctx, email);
          // Always run a hash verification so a missing account answers as slowly as a wrong password.
          const ok = await verifyPassword(staff?.password_hash ?? (await dummyPasswordHash()), password);
          if (!staff || !ok || !staff.active) return done(null, false);
          return done(null, staff);
        })().catch(done);
      },
    ),
  );
  passport.serializeUser((staff, done) => done(null, (staff as Staff).id));
  passport.deserializeUser((id: number, done) => {
    ctx.db
      .selectFrom('staff')
      .selectAll()
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst()
      .then((s) => done(null, s ?? false), done);
  });

  const store = new DatabaseSessionStore(ctx.db, ctx.authClock);
  const sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: ctx.config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: ctx.config.trustProxy !== false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.env === 'production',
      maxAge: SESSION_TTL_MS,
      path: '/',
    },
  });

  const requireStaff: RequestHandler = (req, _res, next) => {
    const staff = req.user as Staff | undefined;
    if (!staff)
      return next(problems.unauthenticated('Log in to the console first (POST /api/admin/session).'));
    req.staff = staff;
    next();
  };

  const csrf: RequestHandler = (req, _res, next) => {
    const expected = req.session?.csrfToken;
    const given = req.get('x-csrf-token');
    if (!expected || !given) return next(problems.csrf());
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return next(problems.csrf());
    next();
  };

  /** Checks per-IP and per-account limits, runs passport-local, and logs in (regenerating the session). */
  async function login(req: Request, email: string): Promise<Staff> {
    const ipKey = `staff-login-ip:${req.ip}`;
    const accountKey = loginPairKey('staff', email, req.ip);
    const ip = await ctx.limiter.hit(ipKey, LOGIN_LIMITS.perIp);
    if (ip.exceeded)
      throw problems.rateLimited(
        ip.retryAfterSeconds,
        `Too many login attempts from this address. Try again in ${Math.ceil(ip.retryAfterSeconds / 60)} minutes.`,
      );
    const account = await ctx.limiter.peek(accountKey, LOGIN_LIMITS.perAccountFailures);
    if (account.hits >= LOGIN_LIMITS.perAccountFailures.limit) {
      throw problems.rateLimited(
        account.retryAfterSeconds,
        `Too many failed logins for this account. Try again in ${Math.ceil(account.retryAfterSeconds / 60)} minutes.`,
      );
    }
    const staff = await new Promise<Staff | false>((resolve, reject) => {
      const authenticate = passport.authenticate(
        'staff-local',
        { session: false },
        (err: Error | null, user: Staff | false) => (err ? reject(err) : resolve(user)),
      ) as RequestHandler;
      void authenticate(req, req.res!, () => {});
    });
    if (!staff) {
      await ctx.limiter.hit(accountKey, LOGIN_LIMITS.perAccountFailures);
      throw problems.invalidCredentials('The email or password is wrong, or the staff account is disabled.');
    }
    await ctx.limiter.reset(accountKey);
    // passport ≥0.6 regenerates the session on login: a session id planted before login is worthless after
    // it.
    await new Promise<void>((resolve, reject) =>
      req.logIn(staff, (err) => (err ? reject(err as Error) : resolve())),
    );
    return staff;
  }

  async function logout(req: Request): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      req.logout((err) => (err ? reject(err as Error) : resolve())),
    );
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err) => (err ? reject(err as Error) : resolve())),
    );
  }

  return {
    middleware: [sessionMiddleware, passport.initialize(), passport.session()] as RequestHandler[],
    requireStaff,
    csrf,
    login,
    logout,
    store,
  };
}
