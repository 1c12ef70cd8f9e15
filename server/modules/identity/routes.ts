import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { listQuery } from '../../http/list.js';
import {
  DOCUMENT_TYPES,
  fileUpload,
  IMAGE_TYPES,
  sendStoredFile,
  uploadedFiles,
} from '../../http/uploads.js';
import { actorOf } from '../../auth/staff-auth.js';
import { findDocument, identityCheckListSpec, identityChecksQuery } from './repository.js';
import {
  attachPortfolioFiles,
  decideIdentityCheck,
  identityCheckDetail,
  identityStatus,
  submitIdentityCheck,
} from './service.js';
import { queuePage } from '../queues/sla.js';

export function identityRoutes(ctx: AppContext) {
  const spec = identityCheckListSpec(ctx.clock);
  const decide = (approve: boolean) =>
    defineRoute({
      method: 'post',
      path: `/api/admin/identity-checks/:id/${approve ? 'approve' : 'reject'}`,
      tag: 'Identity checks',
      access: access.staff('trust_safety'),
      params: idParams,
      summary: approve
        ? 'ACC-7: the ID photo and the selfie match: the account is' +
          ' identity-verified (reason required, OPS-6)'
        : 'ACC-7: reject with a reason the user reads; they may submit again',
      body: z.object({ reason }),
      handler: ({ params, body, req }) =>
        decideIdentityCheck(ctx, actorOf(req), {
          id: params.id,
          approve,
          reason: body.reason,
          requestId: req.id as string,
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
      handler: ({ user }) => identityStatus(ctx, user.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/identity-checks',
      tag: 'Identity checks',
      access: access.staff('trust_safety'),
      query: listQuery,
      summary: 'ACC-7: the identity checks queue, oldest SLA first',
      handler: async ({ query, res }) =>
        queuePage(ctx, {
          res,
          base: identityChecksQuery(ctx.db, ctx.clock.now()),
          spec,
          query,
          queue: 'identity-checks',
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/identity-checks/:id',
      tag: 'Identity checks',
      access: access.staff('trust_safety'),
      params: idParams,
      summary:
        'One identity check: the ID photo and selfie (as document ids), the user and their earlier checks',
      handler: ({ params }) => identityCheckDetail(ctx, params.id),
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
        const d = await findDocument(ctx.db, params.id);
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
      handler: ({ user, req }) => {
        const files = uploadedFiles(req, 'files');
        if (!files.length)
          throw problems.validation([{ field: 'body.files', message: 'attach at least one file' }]);
        return attachPortfolioFiles(ctx, user.id, files);
      },
    }),
  ];
}

/** SEL-1: the portfolio files of a seller application. */
