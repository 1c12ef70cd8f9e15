import type { ApplicationStatus } from '../../../db/schema.js';
import { applicationActions } from './machine.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idValue } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { filters, listQuery, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { portfolioFilesOf } from '../identity/repository.js';
import { applicationSchema, decideApplication, resubmitApplication, submitApplication } from './service.js';
import { queuePage } from '../queues/sla.js';
import { caseTimeline } from '../decisions/notes.js';
import { applicantOf, currentApplicationOf, earlierApplicationsOf, staffApplications } from './repository.js';

const view = (a: {
  id: number;
  user_id: number;
  status: string;
  skills: unknown;
  experience: string;
  education: string;
  portfolio: unknown;
  about: string;
  submitted_at: Date;
  sla_due_at: Date;
  decided_at: Date | null;
  decision_reason: string | null;
}) => ({
  id: a.id,
  userId: a.user_id,
  status: a.status,
  skills: a.skills,
  experience: a.experience,
  education: a.education,
  portfolio: a.portfolio,
  about: a.about,
  submittedAt: a.submitted_at,
  slaDueAt: a.sla_due_at,
  decidedAt: a.decided_at,
  decisionReason: a.decision_reason,
  /** The applicant's own actions (resubmitting after changes were asked). */
  allowedActions: applicationActions(a as { status: ApplicationStatus }, 'applicant'),
});

const applicationView = z.object({
  id: z.number(),
  userId: z.number(),
  status: z.enum(['submitted', 'changes_requested', 'approved', 'rejected']),
  skills: z.array(z.string()),
  experience: z.string(),
  education: z.string(),
  portfolio: z.array(z.string()),
  about: z.string(),
  submittedAt: z.string(),
  slaDueAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  allowedActions: z.array(z.string()),
});

const spec: ListSpec = {
  resource: 'seller-applications',
  idColumn: 'seller_applications.id',
  defaultSort: ['slaDueAt', 'ASC'],
  sortable: {
    id: 'seller_applications.id',
    slaDueAt: 'seller_applications.sla_due_at',
    submittedAt: 'seller_applications.submitted_at',
    status: 'seller_applications.status',
  },
  filters: {
    status: filters.oneOf('seller_applications.status', z.string()),
    userId: filters.equals('seller_applications.user_id', idValue),
    assignedTo: filters.equals('seller_applications.assigned_to', idValue),
    q: filters.find({ users: ['seller_applications.user_id'], ids: ['seller_applications.id'] }),
  },
};

export function sellerRoutes(ctx: AppContext) {
  const adminBase = () => staffApplications(ctx.db, ctx.clock);
  const decision = (name: 'approve' | 'reject' | 'request-changes', roles: 'trust_safety') =>
    defineRoute({
      method: 'post',
      path: `/api/admin/seller-applications/:id/${name}`,
      tag: 'Seller applications',
      access: access.staff(roles),
      summary: {
        approve: 'Approve: the user becomes a seller (SEL-2)',
        reject: 'Reject with a reason the applicant sees (SEL-2)',
        'request-changes': 'Ask for changes with a reason; the applicant edits and resubmits (SEL-2)',
      }[name],
      params: idParams,
      body: z.object({ reason }),
      response: applicationView,
      handler: async ({ params, body, req }) =>
        view(
          await decideApplication(ctx, actorOf(req), {
            id: params.id,
            decision: name,
            reason: body.reason,
            requestId: req.id as string,
          }),
        ),
    });
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/seller-application',
      tag: 'Becoming a seller',
      access: access.user,
      status: 201,
      summary: 'Apply to become a seller (SEL-1); one open application at a time (SEL-3)',
      body: applicationSchema,
      response: applicationView,
      handler: async ({ body, user }) => view(await submitApplication(ctx, user.id, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/seller-application',
      tag: 'Becoming a seller',
      access: access.user,
      summary: 'Your latest seller application, with the decision and its reason',
      response: applicationView,
      handler: async ({ user }) => {
        const a = await currentApplicationOf(ctx.db, user.id);
        if (!a) throw problems.notFound('seller application');
        return view(a);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/seller-application',
      tag: 'Becoming a seller',
      access: access.user,
      summary: 'Edit and resubmit after the team asked for changes (SEL-2; the SLA restarts)',
      body: applicationSchema,
      response: applicationView,
      handler: async ({ body, user }) => view(await resubmitApplication(ctx, user.id, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/seller-applications',
      tag: 'Seller applications',
      access: access.staff('trust_safety'),
      summary: 'Seller applications, oldest SLA first (SEL-2)',
      query: listQuery,
      handler: async ({ query, res }) =>
        queuePage(ctx, { res, base: adminBase(), spec, query, queue: 'seller-applications' }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/seller-applications/:id',
      tag: 'Seller applications',
      access: access.staff('trust_safety'),
      summary:
        "One seller application with its portfolio files, the applicant's profile and history (earlier" +
        ' applications, orders, warnings, identity check)',
      params: idParams,
      handler: async ({ params }) => {
        const a = await adminBase().where('seller_applications.id', '=', params.id).executeTakeFirst();
        if (!a) throw problems.notFound('seller application');
        const applicant = await applicantOf(ctx.db, a.userId);
        const earlier = await earlierApplicationsOf(ctx.db, a.userId, a.id);
        return {
          ...a,
          portfolioFiles: await portfolioFilesOf(ctx.db, a.id),
          applicant,
          earlier,
          timeline: await caseTimeline(ctx.db, 'seller-applications', a.id, [
            { subjectType: 'seller_application', subjectId: a.id },
          ]),
          allowedActions: applicationActions(a, 'staff'),
        };
      },
    }),
    decision('approve', 'trust_safety'),
    decision('reject', 'trust_safety'),
    decision('request-changes', 'trust_safety'),
  ];
}
