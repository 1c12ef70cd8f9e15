/**
 * What the console asks for before its own code has loaded (issue #15: the first rows of a queue on a
 * cold load). The entry module imports nothing heavy: it starts GET /me, the first page of the list the
 * address opens (with that list's default sort, filter and page size) and that page's chunk, then loads
 * react-admin. When react-admin later asks for the same URL, `httpClient` takes the answer already on its
 * way instead of asking again. Only what the list would ask for word for word is taken, once and while
 * fresh; anything else (a stored sort, a query in the address, an error) goes to the server as usual.
 */
import { type ListDefaults, listUrl, SUPPORT_CASES_LIST, TICKETS_LIST } from './listDefaults';

export const API_ROOT = '/api/admin';

export interface EarlyAnswer {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

/** The lists whose first page the entry module knows how to ask for, with the chunk of their page. */
const FIRST_LISTS = {
  'support-cases': { defaults: SUPPORT_CASES_LIST, page: () => import('./support-cases/SupportCaseList') },
  tickets: { defaults: TICKETS_LIST, page: () => import('./tickets/TicketList') },
} satisfies Record<string, { defaults: ListDefaults; page: () => Promise<unknown> }>;

const FRESH_MS = 10_000;
const early = new Map<string, { at: number; answer: Promise<EarlyAnswer | null> }>();

function fetchEarly(url: string, headers: Record<string, string> = {}) {
  const answer = fetch(url, { credentials: 'include', headers: { Accept: 'application/json', ...headers } })
    .then(async (res) => {
      const body = await res.text();
      return { status: res.status, headers: res.headers, body, json: body ? JSON.parse(body) : undefined };
    })
    .catch(() => null);
  early.set(url, { at: performance.now(), answer });
}

/** The answer to this GET started early, handed out once; null if there is none or it is stale. */
export function takeEarly(url: string): Promise<EarlyAnswer | null> | null {
  const started = early.get(url);
  if (!started) return null;
  early.delete(url);
  return performance.now() - started.at > FRESH_MS ? null : started.answer;
}

/** Drops every early answer not taken yet: a sign-in or sign-out must not see the last session's. */
export function forgetEarly(): void {
  early.clear();
}

/** react-admin's own store of list parameters (sort, filter, page) the user chose earlier. */
function storedListParams(resource: string): boolean {
  try {
    return window.localStorage.getItem(`RaStore.${resource}.listParams`) !== null;
  } catch {
    return true; // no storage: do not guess
  }
}

/**
 * Where a console address points, as react-admin's hash router reads it: `#/tickets/12/show?tab=1` is
 * `{ path: 'tickets/12/show', query: 'tab=1' }`. The one reading of the address, for this module and App.
 */
export function addressOf(hash: string): { path: string; query: string | undefined } {
  const [path = '', query] = hash.replace(/^#\/?/, '').split('?');
  return { path, query };
}

/** Starts /me and, when the address opens a known list with its defaults, that list and its chunk. */
export function startEarly(hash: string): void {
  fetchEarly(`${API_ROOT}/me`);
  const { path, query } = addressOf(hash);
  if (!path || !Object.hasOwn(FIRST_LISTS, path)) return;
  const first = FIRST_LISTS[path as keyof typeof FIRST_LISTS];
  // A failed early download shows nothing: the page's own render asks again and reports it.
  first.page().catch(() => undefined);
  if (query || storedListParams(path)) return;
  const { url, range } = listUrl(API_ROOT, path, first.defaults);
  fetchEarly(url, { Range: range });
}
