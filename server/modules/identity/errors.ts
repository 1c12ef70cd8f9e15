import { Problem } from '../../http/problem.js';

/** The identity module's named problems. */
export const identityErrors = {
  applicationDecided: (status: string) =>
    new Problem(
      409,
      'application-decided',
      'Application decided',
      `Your application is ${status}; files can be added while it is open.`,
    ),
};
