import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { sql } from 'kysely';
import type { Staff } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { Problem, problems } from '../http/problem.js';
import { settingsAt } from '../modules/settings/repository.js';
import { checkSecondFactor, confirmedFactor, secondFactorRequired } from '../modules/staff/second-factor.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { DatabaseSessionStore } from './session-store.js';
import { LOGIN_LIMITS, loginPairKey } from './rate-limit.js';
import type { Actor } from '../modules/audit/audit.js';

export const SESSION_COOKIE = 'pasar.sid';
const SECOND_STEP_MS = 5 * 60_000;
const SECOND_FACTOR_LIMIT = { limit: 10, windowSeconds: 15 * 60 };
/** What a staff member who must enrol a second factor may reach before enrolling (OPS-7). */
const ENROLMENT_PATHS = ['/api/admin/me', '/api/admin/session'];
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

  /** OPS-7's limits, read from the settings at most every few seconds (every staff request checks them). */
  let limits: { at: number; idleMs: number; absoluteMs: number } | null = null;
  async function sessionLimits() {
    const at = ctx.authClock.now().getTime();
    if (!limits || at - limits.at > 5_000 || at < limits.at) {
      const s = await settingsAt(ctx.db, ctx.clock.now());
      limits = { at, idleMs: s.staff_idle_minutes * 60_000, absoluteMs: s.staff_session_hours * 3_600_000 };
    }
    return limits;
  }

  /**
   * OPS-7: a staff session ends after 30 minutes idle and 12 hours in all (policy settings), by the auth
   * clock. An ended session is destroyed and the request goes on as anonymous (a login still works).
   */
  const enforceSessionLimits: RequestHandler = (req, _res, next) => {
    if (!req.user || !req.session) return next();
    (async () => {
      const now = ctx.authClock.now().getTime();
      const { idleMs, absoluteMs } = await sessionLimits();
      const started = req.session.startedAt ?? now;
      const seen = req.session.seenAt ?? now;
      if (now - seen >= idleMs || now - started >= absoluteMs) {
        await new Promise<void>((resolve, reject) =>
          req.session.destroy((err) => (err ? reject(err as Error) : resolve())),
        );
        req.user = undefined;
        req.staffSessionExpired = true;
        return;
      }
      req.session.startedAt = started;
      req.session.seenAt = now;
    })().then(() => next(), next);
  };

  const requireStaff: RequestHandler = (req, _res, next) => {
    const staff = req.user as Staff | undefined;
    if (!staff)
      return next(
        req.staffSessionExpired
          ? problems.unauthenticated(
              'Your console session ended (30 minutes idle or 12 hours after sign-in, OPS-7): sign in again.',
            )
          : problems.unauthenticated('Log in to the console first (POST /api/admin/session).'),
      );
    if (req.session.mustEnrol && !ENROLMENT_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`)))
      return next(
        new Problem({
          status: 403,
          slug: 'second-factor-enrolment-required',
          title: 'Set up your second factor first',
          detail:
            'Your role signs in with a second factor (OPS-7): enrol an authenticator app first' +
            ' (POST /api/admin/me/second-factor).',
        }),
      );
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

  /** Signs the staff member in on this request (regenerating the session) and stamps it for OPS-7. */
  async function establish(req: Request, staff: Staff, mustEnrol: boolean) {
    // passport ≥0.6 regenerates the session on login: a session id planted before login is worthless after
    // it.
    await new Promise<void>((resolve, reject) =>
      req.logIn(staff, (err) => (err ? reject(err as Error) : resolve())),
    );
    const now = ctx.authClock.now().getTime();
    req.session.startedAt = now;
    req.session.seenAt = now;
    req.session.ip = req.ip;
    req.session.userAgent = req.get('user-agent')?.slice(0, 500);
    if (mustEnrol) req.session.mustEnrol = true;
  }

  /**
   * Checks per-IP and per-account limits, runs passport-local; then either signs in (no second factor, or
   * one still to enrol: enrolment only) or keeps the staff member waiting for the second step (OPS-7).
   */
  async function login(req: Request, email: string): Promise<{ staff: Staff; secondFactor: boolean }> {
    const ipKey = `staff-login-ip:${req.ip}`;
    const accountKey = loginPairKey('staff', email, req.ip);
    const ip = await ctx.limiter.hit(ipKey, LOGIN_LIMITS.perIp);
    if (ip.exceeded)
      throw problems.rateLimited(
        ip.retryAfterSeconds,
        `Too many login attempts from this address. Try again in ` +
          `${Math.ceil(ip.retryAfterSeconds / 60)} minutes.`,
      );
    const account = await ctx.limiter.peek(accountKey, LOGIN_LIMITS.perAccountFailures);
    if (account.hits >= LOGIN_LIMITS.perAccountFailures.limit) {
      throw problems.rateLimited(
        account.retryAfterSeconds,
        `Too many failed logins for this account. Try again in ` +
          `${Math.ceil(account.retryAfterSeconds / 60)} minutes.`,
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
    if (await confirmedFactor(ctx.db, staff.id)) {
      // A fresh session that only says who is half-way in: nothing else is reachable with it.
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((err) => (err ? reject(err as Error) : resolve())),
      );
      req.session.pendingSecondFactor = { staffId: staff.id, at: ctx.authClock.now().getTime(), tries: 0 };
      return { staff, secondFactor: true };
    }
    const settings = await settingsAt(ctx.db, ctx.clock.now());
    await establish(req, staff, secondFactorRequired(staff.role, settings));
    return { staff, secondFactor: false };
  }

  /** The second step: a TOTP or recovery code within 5 minutes of the password, 5 tries (OPS-7). */
  async function secondStep(req: Request, code: string): Promise<Staff> {
    const pending = req.session?.pendingSecondFactor;
    const now = ctx.authClock.now().getTime();
    if (!pending || now - pending.at > SECOND_STEP_MS) {
      if (pending) delete req.session.pendingSecondFactor;
      throw problems.unauthenticated('Sign in with your email and password first (POST /api/admin/session).');
    }
    const limit = await ctx.limiter.hit(`staff-second-factor:${pending.staffId}`, SECOND_FACTOR_LIMIT);
    if (limit.exceeded)
      throw problems.rateLimited(limit.retryAfterSeconds, 'Too many codes tried. Try again later.');
    const how = await checkSecondFactor(ctx, pending.staffId, code);
    const staff = how
      ? await ctx.db
          .selectFrom('staff')
          .selectAll()
          .where('id', '=', pending.staffId)
          .where('active', '=', true)
          .executeTakeFirst()
      : undefined;
    if (!staff) {
      pending.tries += 1;
      if (pending.tries >= 5) delete req.session.pendingSecondFactor;
      throw new Problem({
        status: 401,
        slug: 'second-factor-wrong',
        title: 'Wrong code',
        detail:
          pending.tries >= 5
            ? 'Too many wrong codes: sign in with your password again.'
            : 'The code is not right (or was used already): give the current code of your authenticator app' +
              ' or an unused recovery code.',
      });
    }
    await ctx.limiter.reset(`staff-second-factor:${pending.staffId}`);
    await establish(req, staff, false);
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
    middleware: [
      sessionMiddleware,
      passport.initialize(),
      passport.session(),
      enforceSessionLimits,
    ] as RequestHandler[],
    requireStaff,
    secondStep,
    csrf,
    login,
    logout,
    store,
  };
}
