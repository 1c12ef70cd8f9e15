import { stringify } from 'query-string';

/**
 * The defaults of the lists a staff member opens first (each role's queue), declared here for their pages
 * and for the entry module, which asks for their first page before react-admin has loaded (early.ts).
 * Importing this file must stay cheap: it imports only query-string.
 */
export interface ListDefaults {
  filter: Record<string, unknown>;
  sort: { field: string; order: 'ASC' | 'DESC' };
  perPage: number;
}

export const SUPPORT_CASES_LIST: ListDefaults = {
  filter: { status: 'open' },
  sort: { field: 'slaDueAt', order: 'ASC' },
  perPage: 25,
};

export const TICKETS_LIST: ListDefaults = {
  filter: { active: true },
  sort: { field: 'nextBreachAt', order: 'ASC' },
  perPage: 25,
};

/**
 * The first page's URL and Range header as ra-data-simple-rest builds them for getList (with the same
 * query-string); tests/console/early-list.test.ts holds the two together.
 */
export function listUrl(apiRoot: string, resource: string, d: ListDefaults) {
  const end = d.perPage - 1;
  const query = stringify({
    sort: JSON.stringify([d.sort.field, d.sort.order]),
    range: JSON.stringify([0, end]),
    filter: JSON.stringify(d.filter),
  });
  return { url: `${apiRoot}/${resource}?${query}`, range: `${resource}=0-${end}` };
}
