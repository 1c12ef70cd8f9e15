import { Problem } from '../../http/problem.js';

/** The identity module's named problems. */
export const identityErrors = {
  applicationDecided: (status: string) =>
    new Problem({
      status: 409,
      slug: 'application-decided',
      title: 'Application decided',
      detail: `Your application is ${status}; files can be added while it is open.`,
    }),
};
