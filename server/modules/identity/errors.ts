import { Problem, problems } from '../../http/problem.js';

/** The identity module's named problems. */
export const identityErrors = {
  checkDecided: (status: string) =>
    problems.conflict(
      'identity-check-decided',
      'Already decided',
      `This identity check was ${status} already.`,
    ),
  applicationDecided: (status: string) =>
    new Problem(
      409,
      'application-decided',
      'Application decided',
      `Your application is ${status}; files can be added while it is open.`,
    ),
};
