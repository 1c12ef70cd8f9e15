import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { problems } from '../../http/problem.js';
import { actorOf, ensureCsrfToken, publicStaff } from '../../auth/staff-auth.js';
import {
  changeStaff,
  createStaff,
  newStaffSchema,
  recordStaffLogin,
  staffChangeSchema,
  staffRole,
} from './service.js';
import type { createStaffAuth } from '../../auth/staff-auth.js';

const staffView = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: staffRole,
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

const spec: ListSpec = {
  resource: 'staff',
  idColumn: 'id',
  defaultSort: ['name', 'ASC'],
  sortable: { id: 'id', name: 'name', email: 'email', role: 'role', lastLoginAt: 'last_login_at' },
  filters: {
    role: filters.oneOf('role', staffRole),
    active: filters.equals('active', z.boolean()),
    q: filters.search('name', 'email'),
  },
};

export function sessionRoutes(ctx: AppContext, auth: ReturnType<typeof createStaffAuth>) {
  const me = staffView.extend({ csrfToken: z.string() });
  return [
    defineRoute({
      method: 'post',
      path: '/api/admin/session',
      tag: 'Staff session',
      access: access.public,
      summary: 'Log in to the console (sets the session cookie; rate-limited per IP and per account)',
      body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }),
      response: me,
      handler: async ({ body, req }) => {
        const staff = await auth.login(req, body.email);
        const now = await recordStaffLogin(ctx.db, ctx.clock, staff, req.id as string);
        return { ...publicStaff({ ...staff, last_login_at: now }), csrfToken: ensureCsrfToken(req) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/admin/session',
      tag: 'Staff session',
      access: access.anyStaff,
      summary: 'Log out: destroys the session',
      handler: async ({ req, res }) => {
        await auth.logout(req);
        res.clearCookie('pasar.sid', { path: '/' });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/me',
      tag: 'Staff session',
      access: access.anyStaff,
      summary: 'The logged-in staff member, their role and the CSRF token for state-changing requests',
      response: me,
      handler: ({ req, staff }) => ({ ...publicStaff(staff), csrfToken: ensureCsrfToken(req) }),
    }),
  ];
}

export function staffRoutes(ctx: AppContext) {
  const base = () =>
    ctx.db
      .selectFrom('staff')
      .select([
        'id',
        'email',
        'name',
        'role',
        'active',
        'created_at as createdAt',
        'last_login_at as lastLoginAt',
      ]);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/staff',
      tag: 'Staff',
      access: access.staff('admin'),
      summary: 'Staff accounts',
      query: listQuery,
      response: z.array(staffView),
      handler: ({ query, res }) => listResource(ctx.db, res, base(), spec, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/staff/:id',
      tag: 'Staff',
      access: access.staff('admin'),
      summary: 'One staff account',
      params: idParams,
      response: staffView,
      handler: async ({ params }) =>
        (await base().where('id', '=', params.id).executeTakeFirst()) ??
        Promise.reject(problems.notFound('staff member')),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/staff',
      tag: 'Staff',
      access: access.staff('admin'),
      summary: 'Create a staff account (audited)',
      body: newStaffSchema,
      response: staffView,
      status: 201,
      handler: async ({ body, req }) =>
        publicStaff(await createStaff(ctx.db, ctx.clock, actorOf(req), body, req.id as string)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/admin/staff/:id',
      tag: 'Staff',
      access: access.staff('admin'),
      summary: 'Change a staff account: name, role, active, password (audited, reason required)',
      params: idParams,
      body: staffChangeSchema,
      response: staffView,
      handler: async ({ params, body, req }) =>
        publicStaff(await changeStaff(ctx.db, ctx.clock, actorOf(req), params.id, body, req.id as string)),
    }),
  ];
}
