import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { searchAll, SEARCH_ROLES } from './repository.js';

/**
 * The console's one search: people, orders, charges, payouts and cases matching q, grouped by kind, each kind
 * only for the roles that may open its records. Every kind matches through the lists' own `filters.find`
 * (trigram and b-tree index scans; `%` and `_` are literal).
 */
export function searchRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/search',
      tag: 'Search',
      access: access.staff(...SEARCH_ROLES),
      summary:
        'Search users (name, username, email, phone), orders (id, title), charges (reference), payouts (id,' +
        (' bank reference), disputes, refund requests and reports at once, grouped' +
          ' by kind; each role gets the') +
        ' kinds it may open, at most 5 of each (`more` says there are others)',
      query: z.object({ q: z.string().trim().min(1).max(200) }),
      handler: ({ query, staff }) => searchAll(ctx.db, staff.role, query.q),
    }),
  ];
}
