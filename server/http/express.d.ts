import type { Staff as DbStaff, User as DbUser } from '../../db/schema.js';

declare global {
  namespace Express {
    interface Request {
      /** The logged-in staff member on /api/admin routes. */
      staff?: DbStaff;
      /** The end user of a bearer token on /api/v1 routes. */
      authUser?: DbUser;
      /** Id of the bearer token used on this request (for logout). */
      authTokenId?: number;
      /** The staff session this request came with ended by OPS-7's idle or absolute limit. */
      staffSessionExpired?: boolean;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    /** OPS-7: when the session was signed in and last used (authClock ms), where from. */
    startedAt?: number;
    seenAt?: number;
    ip?: string;
    userAgent?: string;
    /** Signed in with a password whose role needs a second factor not enrolled yet: enrolment only. */
    mustEnrol?: boolean;
    /** The password was right; the second step (a TOTP or recovery code) is awaited. */
    pendingSecondFactor?: { staffId: number; at: number; tries: number };
  }
}

export {};
