import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Selectable } from 'kysely';
import type { ReasonTemplatesTable } from '../../../db/schema.js';
import { access, defineRoute } from '../../http/route.js';
import { idString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { filters, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { auditedTextRoutes } from '../audit/audited-text-routes.js';
import { CASE_KINDS, DECISION_ACTIONS, mayNote, type CaseKind } from './rules.js';
import { caseExists, caseNotes, localesOf, readersOf } from './repository.js';
import { noteCase } from './service.js';

const templateBody = z.object({
  action: z.enum(DECISION_ACTIONS),
  name: z.string().trim().min(2).max(120),
  bodyEn: z.string().trim().min(3).max(2000),
  bodyId: z.string().trim().min(3).max(2000),
  active: z.boolean().default(true),
});

const view = (t: Selectable<ReasonTemplatesTable>) => ({
  id: t.id,
  action: t.action,
  name: t.name,
  bodyEn: t.body_en,
  bodyId: t.body_id,
  active: t.active,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

const noteParams = z.object({
  kind: z.enum(Object.keys(CASE_KINDS) as [CaseKind, ...CaseKind[]]),
  caseId: idString,
});

/**
 * OPS-6: reason templates (admins keep them; every staff role reads them in its decision dialogs) and
 * internal notes on every case (staff of the case's queue only, audited, never in a public answer).
 */
export function decisionRoutes(ctx: AppContext) {
  const spec: ListSpec = {
    resource: 'reason-templates',
    idColumn: 'id',
    defaultSort: ['action', 'ASC'],
    sortable: { id: 'id', action: 'action', name: 'name', updatedAt: 'updated_at' },
    filters: {
      action: filters.oneOf('action', z.enum(DECISION_ACTIONS)),
      active: filters.equals('active', z.boolean()),
      q: filters.search('name', 'body_en', 'body_id'),
    },
  };
  const row = (b: z.infer<typeof templateBody>) => ({
    action: b.action,
    name: b.name,
    body_en: b.bodyEn,
    body_id: b.bodyId,
    active: b.active,
  });
  const guard = async (role: Parameters<typeof mayNote>[0], kind: CaseKind, id: number) => {
    if (!mayNote(role, kind)) throw problems.forbidden(`Notes on ${kind} belong to another queue (OPS-1).`);
    if (!(await caseExists(ctx.db, kind, id)))
      throw problems.notFound(kind.replace(/s$/, '').replace('-', ' '));
  };
  return [
    ...auditedTextRoutes(ctx, {
      table: 'reason_templates',
      resource: 'reason-templates',
      tag: 'Decisions',
      noun: 'reason template',
      audit: 'reason-template',
      subjectType: 'reason_template',
      readers: access.anyStaff,
      body: templateBody,
      row,
      view,
      spec,
      summary: {
        list:
          'Reason templates per decision action in English and Indonesian (OPS-6); filter by `action` and' +
          ` \`active\`. Actions: ${DECISION_ACTIONS.join(', ')}`,
        one: 'One reason template',
        create: 'Create a reason template for one decision action, in English and Indonesian (audited)',
        update: 'Change a reason template (audited)',
        retire: 'Retire a reason template (kept inactive, out of the pickers; audited)',
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/case-readers/:kind/:caseId',
      tag: 'Decisions',
      access: access.staff('support', 'trust_safety', 'finance'),
      summary:
        "OPS-6: who reads a case's decision reason and in which language (`en` or" +
        ' `id`), so a reason template' +
        ' goes in in their language. Kinds: the case kinds of the notes, plus users and service-reviews',
      params: z.object({
        kind: z.enum([...(Object.keys(CASE_KINDS) as CaseKind[]), 'users', 'service-reviews']),
        caseId: idString,
      }),
      handler: async ({ params }) => {
        const ids = await readersOf(ctx.db, params.kind, params.caseId);
        if (!ids) throw problems.notFound(params.kind.replace(/s$/, '').replace('-', ' '));
        const users = ids.length ? await localesOf(ctx.db, ids) : [];
        const locales = [...new Set(users.map((u) => u.locale))];
        return { readers: users, locale: locales.length === 1 ? locales[0] : null };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/case-notes/:kind/:caseId',
      tag: 'Decisions',
      access: access.staff('support', 'trust_safety', 'finance'),
      summary:
        "A case's internal notes, oldest first (staff of the case's queue only; never in a public answer)." +
        ` Kinds: ${Object.keys(CASE_KINDS).join(', ')}`,
      params: noteParams,
      handler: async ({ params, staff }) => {
        await guard(staff.role, params.kind, params.caseId);
        return caseNotes(ctx.db, params.kind, params.caseId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/case-notes/:kind/:caseId',
      tag: 'Decisions',
      access: access.staff('support', 'trust_safety', 'finance'),
      status: 201,
      summary: 'Add an internal note to a case (staff only, audited with its text)',
      params: noteParams,
      body: z.object({ body: z.string().trim().min(1).max(5000) }),
      handler: async ({ params, body, req, staff }) => {
        await guard(staff.role, params.kind, params.caseId);
        return noteCase(ctx, {
          kind: params.kind,
          caseId: params.caseId,
          author: staff,
          body: body.body,
          actor: actorOf(req),
          requestId: req.id as string,
        });
      },
    }),
  ];
}
