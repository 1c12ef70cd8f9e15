import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Request } from 'express';
import type { Staff } from '../../../db/schema.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { passwordSchema } from '../../auth/passwords.js';
import { scheduleJob } from '../../jobs/jobs.js';
import { recoveryLimit } from '../accounts/recovery.js';
import { confirmEnrolment, resetSecondFactor, secondFactorStatus, startEnrolment } from './second-factor.js';
import {
  changeOwnStaffPassword,
  confirmStaffPasswordReset,
  endOwnStaffSession,
  endSessionsOf,
  JOB_STAFF_PASSWORD_RESET,
  staffPasswordChangeSchema,
  staffSessions,
} from './access.js';
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
import { staffAccounts } from './repository.js';

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
  // The console shows every date in the marketplace's zone (PASAR_TIMEZONE), never the browser's.
  const me = staffView.extend({
    csrfToken: z.string(),
    secondFactorEnrolmentRequired: z.boolean(),
    timezone: z.string(),
  });
  const meOf = (req: Request, staff: Staff) => ({
    ...publicStaff(staff),
    csrfToken: ensureCsrfToken(req),
    secondFactorEnrolmentRequired: req.session.mustEnrol === true,
    timezone: ctx.config.timezone,
  });
  const signedIn = async (req: Request, staff: Staff, how: string) => {
    const now = await recordStaffLogin(ctx.db, ctx.clock, { staff, requestId: req.id as string, how });
    return meOf(req, { ...staff, last_login_at: now });
  };
  const sessionView = z.object({
    id: z.number(),
    createdAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  });
  return [
    defineRoute({
      method: 'post',
      path: '/api/admin/session',
      tag: 'Staff session',
      access: access.public,
      summary:
        'Log in to the console (sets the session cookie; rate-limited per IP and' +
        ' per account). With a second' +
        ' factor enrolled the answer is 202 `{secondFactor: "totp"}`: send the code to' +
        ' POST /api/admin/session/second-factor (OPS-7)',
      body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }),
      response: me,
      handler: async ({ body, req, res }) => {
        const { staff, secondFactor } = await auth.login(req, body.email);
        if (secondFactor) {
          res.status(202).json({
            secondFactor: 'totp',
            message: 'Give the code of your authenticator app, or a recovery code, within 5 minutes.',
          });
          return undefined;
        }
        return signedIn(req, staff, 'password');
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/session/second-factor',
      tag: 'Staff session',
      access: access.public,
      summary:
        'The second step of a console login (OPS-7): the TOTP code (each accepted once) or one of the ten' +
        ' recovery codes (each works once)',
      body: z.object({ code: z.string().trim().min(6).max(40) }),
      response: me,
      handler: async ({ body, req }) => {
        const staff = await auth.secondStep(req, body.code);
        return signedIn(req, staff, /^\d{6}$/.test(body.code) ? 'totp' : 'recovery-code');
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
      handler: ({ req, staff }) => meOf(req, staff),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/me/second-factor',
      tag: 'Staff session',
      access: access.anyStaff,
      summary:
        'Whether the second factor is required, enrolled, and how many recovery codes are left (OPS-7)',
      response: z.object({
        required: z.boolean(),
        enrolled: z.boolean(),
        confirmedAt: z.string().nullable(),
        recoveryCodesLeft: z.number(),
      }),
      handler: ({ staff }) => secondFactorStatus(ctx, staff),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/me/second-factor',
      tag: 'Staff session',
      access: access.anyStaff,
      summary:
        'Start enrolling an authenticator app: a new secret, its otpauth:// URI and a QR code of it (OPS-7)',
      response: z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() }),
      handler: ({ staff }) => startEnrolment(ctx, staff),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/me/second-factor/confirm',
      tag: 'Staff session',
      access: access.anyStaff,
      summary: 'Finish enrolment with a first code; answers ten single-use recovery codes, shown this once',
      body: z.object({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, 'six digits'),
      }),
      response: z.object({ recoveryCodes: z.array(z.string()) }),
      handler: async ({ staff, body, req }) => {
        const out = await confirmEnrolment(ctx, staff, body.code);
        delete req.session.mustEnrol;
        return out;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/me/password',
      tag: 'Staff session',
      access: access.anyStaff,
      summary: 'Change your own password with the current one (12 characters at least); other sessions end',
      body: staffPasswordChangeSchema,
      handler: async ({ staff, body, req }) => {
        await changeOwnStaffPassword(ctx, staff, req.sessionID, body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/me/sessions',
      tag: 'Staff session',
      access: access.anyStaff,
      summary: 'Your console sessions: opened, last used, address, browser, this one (OPS-7)',
      response: z.array(sessionView),
      handler: ({ staff, req }) => staffSessions(ctx, staff.id, req.sessionID),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/admin/me/sessions/:id',
      tag: 'Staff session',
      access: access.anyStaff,
      summary: 'End one of your console sessions',
      params: idParams,
      handler: async ({ staff, params, req, res }) => {
        const sid = await endOwnStaffSession(ctx, staff, params.id);
        // The session of this very request: logged out here too, or the request's own save at its end would
        // write the row back and the session would go on.
        if (sid === req.sessionID) {
          await auth.logout(req);
          res.clearCookie('pasar.sid', { path: '/' });
        }
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/password-reset',
      tag: 'Staff session',
      access: access.public,
      status: 202,
      summary: 'A staff member who forgot the password asks for a reset link by email; always 202, same body',
      body: z.object({ email: z.string().trim().min(3).max(254) }),
      response: z.object({ message: z.string() }),
      before: [recoveryLimit(ctx, 'staff-password-reset')],
      handler: async ({ body }) => {
        const now = ctx.clock.now();
        await scheduleJob(ctx.db, now, {
          kind: JOB_STAFF_PASSWORD_RESET,
          runAt: now,
          payload: { email: body.email.trim().toLowerCase() },
        });
        return { message: 'If a staff account uses this address, a link is on its way.' };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/password-reset/confirm',
      tag: 'Staff session',
      access: access.public,
      summary: 'Set a new staff password with the token of a reset link; every session of theirs ends',
      body: z.object({ token: z.string().min(10).max(200), password: passwordSchema }),
      before: [recoveryLimit(ctx, 'staff-password-reset-confirm')],
      handler: async ({ body }) => {
        await confirmStaffPasswordReset(ctx, body.token, body.password);
        return undefined;
      },
    }),
  ];
}

export function staffRoutes(ctx: AppContext) {
  const base = () => staffAccounts(ctx.db);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/staff',
      tag: 'Staff',
      access: access.staff('admin'),
      summary: 'Staff accounts',
      query: listQuery,
      response: z.array(staffView),
      handler: ({ query, res }) => listResource(ctx.db, { res, base: base(), spec, query }),
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
        publicStaff(
          await createStaff(ctx.db, ctx.clock, {
            actor: actorOf(req),
            input: body,
            requestId: req.id as string,
          }),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/staff/:id/sessions',
      tag: 'Staff',
      access: access.staff('admin'),
      summary: "A staff member's console sessions (OPS-7)",
      params: idParams,
      handler: ({ params }) => staffSessions(ctx, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/staff/:id/sessions/end',
      tag: 'Staff',
      access: access.staff('admin'),
      summary: 'End every console session of a staff member (audited, reason required; OPS-7)',
      params: idParams,
      body: z.object({ reason }),
      handler: async ({ params, body, req }) => {
        await endSessionsOf(ctx, actorOf(req), {
          staffId: params.id,
          reason: body.reason,
          requestId: req.id as string,
        });
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/staff/:id/second-factor/reset',
      tag: 'Staff',
      access: access.staff('admin'),
      summary:
        "Reset a colleague's lost second factor (audited, reason required, never" +
        ' your own); their sessions end' +
        ' and they enrol again at their next login (OPS-7)',
      params: idParams,
      body: z.object({ reason }),
      handler: async ({ params, body, req }) => {
        await resetSecondFactor(ctx, actorOf(req), {
          staffId: params.id,
          reason: body.reason,
          requestId: req.id as string,
        });
        return undefined;
      },
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
        publicStaff(
          await changeStaff(ctx.db, ctx.clock, {
            actor: actorOf(req),
            id: params.id,
            change: body,
            requestId: req.id as string,
          }),
        ),
    }),
  ];
}
