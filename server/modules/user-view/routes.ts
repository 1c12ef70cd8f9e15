import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, type RouteDef } from '../../http/route.js';
import { Problem, problems } from '../../http/problem.js';
import { actorOf } from '../../auth/staff-auth.js';
import { audit } from '../audit/audit.js';
import { findUser } from '../accounts/repository.js';

/**
 * What a user sees of their own account (SUP-7), section by section: each one the public API's own GET route,
 * whose handler is called as it is for the user's bearer token, so staff read exactly the user's answer.
 */
export const USER_VIEW_SECTIONS = {
  profile: '/api/v1/me',
  balance: '/api/v1/me/balance',
  earnings: '/api/v1/me/earnings',
  orders: '/api/v1/orders',
  refundRequests: '/api/v1/refund-requests',
  resolutionRequests: '/api/v1/resolution-requests',
  disputes: '/api/v1/disputes',
  withdrawals: '/api/v1/withdrawals',
  notifications: '/api/v1/notifications',
  warnings: '/api/v1/me/warnings',
  tickets: '/api/v1/support/tickets',
  invoices: '/api/v1/invoices',
} as const;

const readOnly = () => {
  throw new Error('the user view is read-only: a public route tried to open a transaction');
};

/**
 * Issue 16 item 9: "see what the user sees". Read-only by construction: only the public API's GET routes are
 * called, with no token issued and no transaction to write in; every look is audited (who, when, whom)
 * before anything is shown.
 */
export function userViewRoutes(ctx: AppContext, allRoutes: () => readonly RouteDef[]) {
  const routeOf = (path: string) => {
    const r = allRoutes().find((x) => x.method === 'get' && x.path === path && x.access.kind === 'user');
    if (!r) throw new Error(`user view: no public GET ${path}`);
    return r;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/users/:id/user-view',
      tag: 'Users',
      access: access.staff('support', 'trust_safety', 'finance'),
      summary:
        "A user's account as the public API shows it to them (SUP-7): profile, balances, earnings, orders," +
        (' refund and resolution requests, disputes, withdrawals, notifications,' +
          ' warnings, tickets, invoices,') +
        (' each the answer of the /api/v1 GET route named in `path` (first page).' +
          ' Read-only: no token is issued') +
        ' and nothing can be done as the user; every view is audited (OPS-3)',
      params: idParams,
      handler: async ({ params, req, res, staff }) => {
        const user = await findUser(ctx.db, params.id);
        if (!user) throw problems.notFound('user');
        const actor = actorOf(req);
        const viewedAt = ctx.clock.now();
        await audit(ctx.db, ctx.clock, {
          actor,
          action: 'user.view-as-user',
          subjectType: 'user',
          subjectId: user.id,
          after: { sections: Object.keys(USER_VIEW_SECTIONS) },
          requestId: req.id as string,
        });
        const sections: Record<string, { path: string; body?: unknown; problem?: object }> = {};
        for (const [name, path] of Object.entries(USER_VIEW_SECTIONS)) {
          const route = routeOf(path);
          try {
            const query: unknown = route.query ? route.query.parse({}) : {};
            const body: unknown = await route.handler({
              params: {},
              query,
              body: undefined,
              req,
              res,
              user,
              staff: undefined,
              transaction: readOnly,
            });
            // The user receives JSON: staff read the same JSON (dates as strings).
            sections[name] = { path, body: JSON.parse(JSON.stringify(body ?? null)) as unknown };
          } catch (e) {
            if (!(e instanceof Problem)) throw e;
            sections[name] = { path, problem: { status: e.status, title: e.title, detail: e.detail } };
          }
        }
        return {
          user: { id: user.id, name: user.name, email: user.email, status: user.status },
          viewedAt,
          viewedBy: { id: staff.id, name: staff.name },
          sections,
        };
      },
    }),
  ];
}
