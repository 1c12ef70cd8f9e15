import { checkTransition, createRecord } from '../../machines/apply.js';
import type { User } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { createOrder } from '../orders/service.js';
import { audit } from '../audit/audit.js';
import { catalogueErrors } from './errors.js';
import { SERVICE_MACHINE, serviceBackToReview } from '../moderation/machine.js';
import { moderationNow, openReview, pendingVersion, queueServiceReview } from '../moderation/service.js';
import { flagContacts } from '../moderation/flags.js';
import { isVisible, REVIEWED_FIELDS } from '../moderation/rules.js';
import { PROJECT_MACHINE, PROPOSAL_MACHINE, awardProposal } from './machine.js';
import {
  findProject,
  findProposalBy,
  findServiceView,
  listProjects,
  lockProject,
  lockProposal,
  lockService,
  proposalsOf,
} from './repository.js';

/** Only sellers publish services and send proposals (SEL-2, ORD-1). */
export function requireSeller(user: User): void {
  if (!user.is_seller) throw catalogueErrors.sellerOnly();
}

export interface ServiceInput {
  title: string;
  description: string;
  category: string;
  price: number;
  deliveryDays: number;
  revisions: number;
}

export interface MilestoneInput {
  title: string;
  amount: number;
  days: number;
}

/**
 * A service as its viewer may see it: buyers see it while it is on sale and approved, or in review under
 * post-moderation (CAT-1); its seller always.
 */
export async function findService(ctx: AppContext, id: number, viewer?: User) {
  const s = await findServiceView(ctx.db, id);
  if (!s || (!isVisible(s) && s.sellerId !== viewer?.id)) throw problems.notFound('service');
  return s;
}

/**
 * ORD-1, CAT-1: a seller publishes a service. It goes to the Service reviews queue; under pre-moderation
 * (sellers at level `new` by default) buyers see it only once approved.
 */
export async function publishService(ctx: AppContext, user: User, body: ServiceInput) {
  requireSeller(user);
  const now = ctx.clock.now();
  const s = await ctx.db.transaction().execute(async (trx) => {
    const moderation = await moderationNow(trx, now, user.seller_level);
    const row = await createRecord(
      trx,
      SERVICE_MACHINE,
      {
        seller_id: user.id,
        title: body.title,
        description: body.description,
        category: body.category,
        price: body.price,
        delivery_days: body.deliveryDays,
        revisions: body.revisions,
        moderation,
        created_at: now,
        updated_at: now,
      },
      'in_review',
    );
    await queueServiceReview(ctx, trx, now, {
      service: row,
      kind: 'new',
      changed: [...REVIEWED_FIELDS],
      moderation,
    });
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'service.publish',
      subjectType: 'service',
      subjectId: row.id,
      after: { ...body, moderation },
    });
    return row;
  });
  return findService(ctx, s.id, user);
}

/** The seller changes their service, or takes it off sale. */
export async function updateService(
  ctx: AppContext,
  user: User,
  id: number,
  body: Partial<ServiceInput> & { active?: boolean },
) {
  requireSeller(user);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockService(trx, id);
    if (!s || s.seller_id !== user.id) throw problems.notFound('service');
    // CAT-2: a rejected service is never restored, not even taken on or off sale.
    checkTransition(SERVICE_MACHINE, { state: s.status, name: 'seller-edit', actor: 'seller', id: s.id });
    // CAT-1: an approved service with an open review has a pending version (a pre-moderated edit): buyers
    // keep seeing the approved text while the new one waits, and a further edit builds on the pending one.
    const open = await openReview(trx, s.id);
    const pending = s.status === 'approved' ? pendingVersion(open) : undefined;
    const current = { ...s, ...pending };
    const changed = REVIEWED_FIELDS.filter((f) => body[f] !== undefined && body[f] !== current[f]);
    const moderation = changed.length ? await moderationNow(trx, now, user.seller_level) : null;
    const staged = Boolean(pending) || (moderation === 'pre' && s.status === 'approved');
    const next = {
      title: body.title ?? current.title,
      description: body.description ?? current.description,
      category: body.category ?? current.category,
      price: body.price ?? current.price,
    };
    await trx
      .updateTable('services')
      .set({
        ...(staged ? {} : next),
        ...(body.deliveryDays !== undefined ? { delivery_days: body.deliveryDays } : {}),
        ...(body.revisions !== undefined ? { revisions: body.revisions } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        updated_at: now,
      })
      .where('id', '=', s.id)
      .execute();
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'service.update',
      subjectType: 'service',
      subjectId: s.id,
      before: { price: s.price, active: s.active, title: s.title, status: s.status },
      after: { ...body, reviewAgain: changed, ...(staged && changed.length ? { pendingReview: true } : {}) },
    });
    if (changed.length && moderation) {
      // CAT-1: an edit of a reviewed field goes back to review, moderated as the seller's level says now;
      // a staged edit leaves the approved service as it is until trust & safety approve the new text.
      if (!staged) await serviceBackToReview(trx, now, s, moderation);
      await queueServiceReview(ctx, trx, now, {
        service: { id: s.id, seller_id: s.seller_id, ...next },
        kind: 'edit',
        changed,
        moderation: staged ? 'pre' : moderation,
        known: open ?? null,
      });
    }
  });
  return findService(ctx, id, user);
}

/** ORD-1, ORD-2: ordering a service makes an order with one milestone, awaiting payment. */
export async function orderService(ctx: AppContext, user: User, serviceId: number, note?: string) {
  // Only a service buyers can see can be ordered (CAT-1: not one waiting for pre-moderation, never a rejected
  // one).
  const s = await findService(ctx, serviceId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const orderId = await createOrder(ctx, trx, {
      buyerId: user.id,
      sellerId: s.sellerId,
      title: s.title,
      serviceId: s.id,
      revisions: s.revisions,
      milestones: [{ title: s.title, amount: s.price, days: s.deliveryDays }],
    });
    if (note)
      await trx
        .insertInto('order_messages')
        .values({ order_id: orderId, sender_id: user.id, body: note, created_at: ctx.clock.now() })
        .execute();
    return orderId;
  });
  return { id, status: 'awaiting_payment' };
}

/** ORD-1: a buyer posts a project for sellers to send proposals to. */
export async function postProject(
  ctx: AppContext,
  user: User,
  body: { title: string; description: string; category: string; budget?: number },
) {
  const row = await createRecord(ctx.db, PROJECT_MACHINE, {
    buyer_id: user.id,
    title: body.title,
    description: body.description,
    category: body.category,
    budget: body.budget ?? null,
    created_at: ctx.clock.now(),
  });
  return {
    id: row.id,
    buyerId: row.buyer_id,
    title: row.title,
    description: row.description,
    category: row.category,
    budget: row.budget,
    status: row.status,
    createdAt: row.created_at,
  };
}

/** Open projects, or the buyer's own with the proposals they received. */
export async function projectsFor(ctx: AppContext, user: User, query: { mine: boolean; category?: string }) {
  const projects = await listProjects(ctx.db, {
    buyerId: query.mine ? user.id : undefined,
    category: query.category,
  });
  if (!query.mine || projects.length === 0) return projects;
  const proposals = await proposalsOf(
    ctx.db,
    projects.map((p) => p.id),
  );
  return projects.map((p) => ({ ...p, proposals: proposals.filter((x) => x.projectId === p.id) }));
}

/** ORD-1: a seller sends one proposal to an open project, priced by its milestones. */
export async function sendProposal(
  ctx: AppContext,
  user: User,
  projectId: number,
  body: { message: string; milestones: MilestoneInput[]; revisions: number },
) {
  requireSeller(user);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await findProject(trx, projectId);
    if (!p || (p.status !== 'open' && p.buyer_id !== user.id)) throw problems.notFound('project');
    if (p.status !== 'open') throw catalogueErrors.projectClosed();
    if (p.buyer_id === user.id) throw catalogueErrors.ownProject();
    if (await findProposalBy(trx, p.id, user.id)) throw catalogueErrors.proposalExists();
    const price = body.milestones.reduce((a, m) => a + m.amount, 0);
    const days = body.milestones.reduce((a, m) => a + m.days, 0);
    const row = await createRecord(trx, PROPOSAL_MACHINE, {
      project_id: p.id,
      seller_id: user.id,
      message: body.message,
      milestones: JSON.stringify(body.milestones),
      price,
      delivery_days: days,
      revisions: body.revisions,
      created_at: ctx.clock.now(),
    });
    // CAT-3: contact details in the proposal are flagged; the proposal is sent all the same.
    await flagContacts(trx, ctx.clock.now(), {
      subjectType: 'proposal',
      subjectId: row.id,
      userId: user.id,
      field: 'message',
      text: body.message,
    });
    return {
      id: row.id,
      projectId: row.project_id,
      sellerId: row.seller_id,
      message: row.message,
      milestones: row.milestones,
      price,
      deliveryDays: days,
      revisions: row.revisions,
      status: row.status,
    };
  });
}

/** ORD-2: the buyer accepts a proposal; it becomes an order with its milestones, the others are declined. */
export async function acceptProposal(ctx: AppContext, user: User, proposalId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const proposal = await lockProposal(trx, proposalId);
    const project = proposal ? await lockProject(trx, proposal.project_id) : undefined;
    if (!proposal || !project || project.buyer_id !== user.id) throw problems.notFound('proposal');
    if (project.status !== 'open' || proposal.status !== 'pending')
      throw catalogueErrors.proposalNotOpen(project.status, proposal.status);
    const id = await createOrder(ctx, trx, {
      buyerId: user.id,
      sellerId: proposal.seller_id,
      title: project.title,
      proposalId: proposal.id,
      revisions: proposal.revisions,
      milestones: proposal.milestones,
    });
    await awardProposal(trx, ctx.clock.now(), project, proposal);
    return { id, status: 'awaiting_payment' };
  });
}
