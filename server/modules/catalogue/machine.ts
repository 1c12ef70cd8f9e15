import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { applyTransition, defineMachine, type Transition } from '../../machines/apply.js';

/** ORD-1, ORD-2: a project is open to proposals until its buyer accepts one. */
export type ProjectStatus = 'open' | 'awarded' | 'closed';
export type ProposalStatus = 'pending' | 'accepted' | 'declined';

export const PROJECT_TRANSITIONS = [
  { name: 'buyer-award', from: ['open'], to: 'awarded', actor: 'buyer', rule: 'ORD-2', consequence: true },
] as const satisfies readonly Transition<ProjectStatus, 'buyer'>[];

export const PROJECT_MACHINE = defineMachine<ProjectStatus, 'buyer', never, 'projects'>({
  table: 'projects',
  column: 'status',
  initial: ['open'],
  transitions: PROJECT_TRANSITIONS,
});

export const PROPOSAL_TRANSITIONS = [
  { name: 'buyer-accept', from: ['pending'], to: 'accepted', actor: 'buyer', rule: 'ORD-2' },
  {
    name: 'buyer-decline-others',
    from: ['pending'],
    to: 'declined',
    actor: 'buyer',
    rule: 'ORD-2',
    description: 'Accepting one proposal declines the project’s other pending proposals.',
    consequence: true,
  },
] as const satisfies readonly Transition<ProposalStatus, 'buyer'>[];

export const PROPOSAL_MACHINE = defineMachine<ProposalStatus, 'buyer', never, 'proposals'>({
  table: 'proposals',
  column: 'status',
  initial: ['pending'],
  transitions: PROPOSAL_TRANSITIONS,
});

/** ORD-2: the buyer accepts one proposal: it is accepted, the others declined, the project awarded. */
export async function awardProposal(
  trx: Transaction<Database>,
  now: Date,
  project: { id: number; status: ProjectStatus },
  proposal: { id: number; status: ProposalStatus },
) {
  const go = { actor: 'buyer' as const, now };
  await applyTransition(trx, {
    ...go,
    machine: PROPOSAL_MACHINE,
    id: proposal.id,
    state: proposal.status,
    name: 'buyer-accept',
  });
  const others = await trx
    .selectFrom('proposals')
    .select(['id', 'status'])
    .where('project_id', '=', project.id)
    .where('id', '<>', proposal.id)
    .where('status', '=', 'pending')
    .forNoKeyUpdate()
    .execute();
  for (const o of others)
    await applyTransition(trx, {
      ...go,
      machine: PROPOSAL_MACHINE,
      id: o.id,
      state: o.status,
      name: 'buyer-decline-others',
    });
  await applyTransition(trx, {
    ...go,
    machine: PROJECT_MACHINE,
    id: project.id,
    state: project.status,
    name: 'buyer-award',
  });
}
