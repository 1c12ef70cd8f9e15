import { applyTransition } from '../../machines/apply.js';
import { IDENTITY_MACHINE, identityCheckActions } from './machine.js';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { Problem, problems } from '../../http/problem.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import {
  DOCUMENT_TYPES,
  fileUpload,
  IMAGE_TYPES,
  sendStoredFile,
  uploadedFiles,
} from '../../http/uploads.js';
import { actorOf } from '../../auth/staff-auth.js';
import { audit } from '../audit/audit.js';
import { notifyUser } from '../outbox/outbox.js';
import { storeDocuments, submitIdentityCheck } from './service.js';

export function identityRoutes(ctx: AppContext) {
  const spec: ListSpec = {
    resource: 'identity-checks',
    idColumn: 'identity_checks.id',
    defaultSort: ['slaDueAt', 'ASC'],
    sortable: {
      id: 'identity_checks.id',
      slaDueAt: 'identity_checks.sla_due_at',
      submittedAt: 'identity_checks.submitted_at',
    },
    filters: {
      status: filters.oneOf('identity_checks.status', z.enum(['submitted', 'approved', 'rejected'])),
      overdue: {
        schema: z.boolean(),
        apply: (qb, v: boolean) =>
          qb.where(
            sql<boolean>`(identity_checks.status = 'submitted' and identity_checks.sla_due_at < ${ctx.clock.now()}) =
               ${v}`,
          ),
      },
      q: filters.search('users.name', 'users.email'),
    },
  };
  const base = () =>
    ctx.db
      .selectFrom('identity_checks')
      .innerJoin('users', 'users.id', 'identity_checks.user_id')
      .leftJoin('staff', 'staff.id', 'identity_checks.decided_by')
      .select([
        'identity_checks.id',
        'identity_checks.user_id as userId',
        'users.name as userName',
        'users.email as userEmail',
        'users.is_seller as isSeller',
        'users.status as accountStatus',
        'users.created_at as userSince',
        'identity_checks.status',
        'identity_checks.sla_due_at as slaDueAt',
        'identity_checks.submitted_at as submittedAt',
        'identity_checks.decided_at as decidedAt',
        'identity_checks.decision_reason as decisionReason',
        'staff.name as decidedByName',
        sql<boolean>`identity_checks.status = 'submitted' and identity_checks.sla_due_at < ${ctx.clock.now()}`.as(
          'overdue',
        ),
        sql<
          number | null
        >`(select d.id from user_documents d where d.identity_check_id = identity_checks.id and d.purpose = 'id_photo' order by d.id limit 1)`.as(
          'idPhotoId',
        ),
        sql<
          number | null
        >`(select d.id from user_documents d where d.identity_check_id = identity_checks.id and d.purpose = 'selfie' order by d.id limit 1)`.as(
          'selfieId',
        ),
      ]);
  const decide = (approve: boolean) =>
    defineRoute({
      method: 'post',
      path: `/api/admin/identity-checks/:id/${approve ? 'approve' : 'reject'}`,
      tag: 'Identity checks',
      access: access.staff('trust_safety'),
      params: idParams,
      summary: approve
        ? 'ACC-7: the ID photo and the selfie match: the account is identity-verified'
        : 'ACC-7: reject with a reason the user reads; they may submit again',
      body: approve ? z.object({ reason: reason.optional() }) : z.object({ reason }),
      handler: ({ params, body, req }) =>
        ctx.db.transaction().execute(async (trx) => {
          const now = ctx.clock.now();
          const c = await trx
            .selectFrom('identity_checks')
            .selectAll()
            .where('id', '=', params.id)
            .forNoKeyUpdate()
            .executeTakeFirst();
          if (!c) throw problems.notFound('identity check');
          const actor = actorOf(req);
          const { to: status } = await applyTransition(trx, {
            machine: IDENTITY_MACHINE,
            id: c.id,
            state: c.status,
            name: approve ? 'approve' : 'reject',
            actor: 'staff',
            now,
            set: { decided_by: actor.id, decided_at: now, decision_reason: body.reason ?? null },
          });
          if (approve)
            await trx
              .updateTable('users')
              .set({ identity_verified_at: now })
              .where('id', '=', c.user_id)
              .execute();
          await audit(trx, ctx.clock, {
            actor,
            action: `identity-check.${approve ? 'approve' : 'reject'}`,
            subjectType: 'user',
            subjectId: c.user_id,
            reason: body.reason ?? null,
            before: { status: c.status },
            after: { status, checkId: c.id },
            requestId: req.id as string,
          });
          await notifyUser(
            trx,
            ctx.clock,
            c.user_id,
            `identity.${status}`,
            approve ? 'Your identity is verified' : 'Your identity check was not accepted',
            approve
              ? 'Thank you: your identity is verified (ACC-7).'
              : `We could not verify your identity.\n\nReason: ${body.reason}\n\nYou can send a new ID photo and selfie.`,
            { identityCheckId: c.id },
          );
          return { id: c.id, userId: c.user_id, status, decisionReason: body.reason ?? null };
        }),
    });

  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/me/identity-verification',
      tag: 'Accounts',
      access: access.user,
      status: 201,
      summary:
        'ACC-7: send a government ID photo (`idPhoto`) and a selfie (`selfie`), one image each (PNG, JPEG' +
        ' or WebP, 10 MB), as multipart/form-data; trust & safety compares them. Once verified, not again',
      before: [fileUpload({ idPhoto: 1, selfie: 1 }, IMAGE_TYPES, 'identity photo')],
      handler: async ({ user, req }) => {
        const idPhoto = uploadedFiles(req, 'idPhoto');
        const selfie = uploadedFiles(req, 'selfie');
        const missing = [!idPhoto.length && 'idPhoto', !selfie.length && 'selfie'].filter(
          Boolean,
        ) as string[];
        if (missing.length)
          throw problems.validation(
            missing.map((f) => ({
              field: `body.${f}`,
              message: f === 'idPhoto' ? 'a photo of your government ID' : 'a selfie (a photo of your face)',
            })),
          );
        return submitIdentityCheck(ctx, user.id, idPhoto, selfie);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/identity-verification',
      tag: 'Accounts',
      access: access.user,
      summary: 'ACC-7: whether your identity is verified, and your latest check with its decision',
      handler: async ({ user }) => {
        const u = await ctx.db
          .selectFrom('users')
          .select(['identity_verified_at', 'phone', 'phone_verified_at'])
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow();
        const c = await ctx.db
          .selectFrom('identity_checks')
          .selectAll()
          .where('user_id', '=', user.id)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        return {
          verifiedAt: u.identity_verified_at,
          phone: u.phone,
          phoneVerifiedAt: u.phone_verified_at,
          latestCheck: c
            ? {
                id: c.id,
                status: c.status,
                submittedAt: c.submitted_at,
                expectedDecisionBy: c.sla_due_at,
                decidedAt: c.decided_at,
                decisionReason: c.decision_reason,
              }
            : null,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/identity-checks',
      tag: 'Identity checks',
      access: access.staff('trust_safety'),
      query: listQuery,
      summary: 'ACC-7: the identity checks queue, oldest SLA first',
      handler: ({ query, res }) => listResource(ctx.db, res, base(), spec, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/identity-checks/:id',
      tag: 'Identity checks',
      access: access.staff('trust_safety'),
      params: idParams,
      summary:
        'One identity check: the ID photo and selfie (as document ids), the user and their earlier checks',
      handler: async ({ params }) => {
        const c = await base().where('identity_checks.id', '=', params.id).executeTakeFirst();
        if (!c) throw problems.notFound('identity check');
        const earlier = await ctx.db
          .selectFrom('identity_checks')
          .select(['id', 'status', 'submitted_at as submittedAt', 'decision_reason as decisionReason'])
          .where('user_id', '=', c.userId)
          .where('id', '<>', c.id)
          .orderBy('id', 'desc')
          .execute();
        return { ...c, earlier, allowedActions: identityCheckActions(c, 'staff') };
      },
    }),
    decide(true),
    decide(false),
    defineRoute({
      method: 'get',
      path: '/api/admin/documents/:id',
      tag: 'Identity checks',
      access: access.staff('trust_safety'),
      produces: 'application/octet-stream',
      params: idParams,
      summary:
        'A user document (portfolio file, ID photo, selfie, warning evidence): images inline so they can' +
        ' be compared side by side, other files as attachments',
      handler: async ({ params, res }) => {
        const d = await ctx.db
          .selectFrom('user_documents')
          .selectAll()
          .where('id', '=', params.id)
          .executeTakeFirst();
        if (!d) throw problems.notFound('document');
        await sendStoredFile(res, ctx.storage, d, { inlineImages: true });
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/seller-application/portfolio-files',
      tag: 'Becoming a seller',
      access: access.user,
      status: 201,
      summary:
        'SEL-1: attach portfolio files (multipart `files`, up to 5: images, PDF or text, 10 MB each) to' +
        ' your open application',
      before: [fileUpload({ files: 5 }, DOCUMENT_TYPES, 'portfolio file')],
      handler: async ({ user, req }) => {
        const files = uploadedFiles(req, 'files');
        if (!files.length)
          throw problems.validation([{ field: 'body.files', message: 'attach at least one file' }]);
        const app = await ctx.db
          .selectFrom('seller_applications')
          .select(['id', 'status'])
          .where('user_id', '=', user.id)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        if (!app) throw problems.notFound('seller application');
        if (!['submitted', 'changes_requested'].includes(app.status))
          throw new Problem(
            409,
            'application-decided',
            'Application decided',
            `Your application is ${app.status}; files can be added while it is open.`,
          );
        return storeDocuments(ctx, ctx.db, files, {
          userId: user.id,
          purpose: 'portfolio',
          sellerApplicationId: app.id,
        });
      },
    }),
  ];
}

/** SEL-1: the portfolio files of a seller application. */
