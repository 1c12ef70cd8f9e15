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
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

export {};
