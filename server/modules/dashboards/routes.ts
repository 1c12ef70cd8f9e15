import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { dashboard } from './service.js';

const ROLES = ['support', 'trust_safety', 'finance', 'admin'] as const;

export function dashboardRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/dashboard/:role',
      tag: 'Dashboards',
      access: access.anyStaff,
      summary:
        "A role's dashboard: each of its queues with open, due today, overdue and assigned-to-me counts and" +
        ' the list filters behind them (OPS-2); the last 30 days in the marketplace time zone: inflow,' +
        ' resolved and SLA attainment per queue, refund and dispute volume and rate, payouts paid per day,' +
        ' held funds (finance), ticket first-response and resolution medians (SUP-3). Staff read their own' +
        " role's dashboard; admins read every one (OPS-1)",
      params: z.object({ role: z.enum(ROLES) }),
      handler: ({ params, staff }) => {
        if (staff.role !== 'admin' && staff.role !== params.role)
          throw problems.forbidden(`Your role (${staff.role}) may not read the ${params.role} dashboard.`);
        return dashboard(ctx, params.role, staff.id);
      },
    }),
  ];
}
