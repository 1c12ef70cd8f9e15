import { Problem, problems } from '../../http/problem.js';

/** The catalogue's named problems: who may publish, and which proposals a project still takes. */
export const catalogueErrors = {
  sellerOnly: () =>
    new Problem({
      status: 403,
      slug: 'seller-only',
      title: 'Become a seller first',
      detail:
        'Only sellers can do this. Apply with POST /api/v1/seller-application; the team decides within' +
        ' 3 business days.',
    }),
  projectClosed: () =>
    problems.conflict('project-closed', 'Project closed', 'This project takes no more proposals.'),
  ownProject: () =>
    problems.unprocessable(
      'own-project',
      'Your own project',
      'You cannot send a proposal to your own project.',
    ),
  proposalExists: () =>
    problems.conflict(
      'proposal-exists',
      'Proposal already sent',
      'You sent a proposal to this project already.',
    ),
  proposalNotOpen: (projectStatus: string, proposalStatus: string) =>
    problems.conflict(
      'proposal-not-open',
      'Proposal not open',
      `The project is ${projectStatus} and the proposal ${proposalStatus}.`,
    ),
};
