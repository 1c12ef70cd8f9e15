import type { RequestHandler } from 'express';
import { Passport } from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import type { User } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { Problem, problems } from '../http/problem.js';
import { findTokenUser } from './user-tokens.js';

/** Statuses that end every session: the token stops working (WRN-9: a blocked user cannot log in). */
const LOCKED_OUT = new Set(['blocked', 'deactivated']);

/** End-user auth for /api/v1: an opaque bearer token, verified through passport-http-bearer. */
export function createUserAuth(ctx: AppContext): RequestHandler {
  const passport = new Passport();
  passport.use(
    'bearer',
    new BearerStrategy((token, done) => {
      findTokenUser(ctx.db, token, ctx.authClock.now(), ctx.config.readCacheMs).then((found) => {
        if (!found || LOCKED_OUT.has(found.user.status)) return done(null, false);
        return done(null, found.user, { scope: 'all', tokenId: found.tokenId } as never);
      }, done);
    }),
  );
  const init = passport.initialize();
  return (req, res, next) => {
    init(req, res, () => {
      const authenticate = passport.authenticate(
        'bearer',
        { session: false },
        (err: unknown, user: User | false, info: { tokenId?: number } | string | undefined) => {
          if (err) return next(err);
          if (!user) {
            res.setHeader('WWW-Authenticate', 'Bearer realm="pasar"');
            return next(
              problems.unauthenticated(
                'Send a valid bearer token (POST /api/v1/auth/login); it may have expired or been revoked.',
              ),
            );
          }
          req.authUser = user;
          req.authTokenId = typeof info === 'object' ? info.tokenId : undefined;
          // WRN-4/WRN-6: a suspended user can log in and read, but every action is refused until the end
          // date.
          if (
            user.status === 'suspended' &&
            req.method !== 'GET' &&
            req.path !== '/api/v1/auth/logout' &&
            (!user.suspended_until || user.suspended_until > ctx.clock.now())
          ) {
            const until = user.suspended_until?.toISOString();
            return next(
              new Problem({
                status: 403,
                slug: 'account-suspended',
                title: 'Account suspended',
                detail:
                  `Your account is suspended${until ? ` until ${until}` : ''}: you can ` +
                  `read, but not act. Contact support if you think this is a mistake.`,
                extra: { suspendedUntil: until ?? null },
              }),
            );
          }
          next();
        },
      ) as RequestHandler;
      void authenticate(req, res, next);
    });
  };
}
