import { fetchUtils, HttpError } from 'react-admin';
import { takeEarly } from './early';
import { i18nProvider } from './i18n';

export { API_ROOT } from './early';

/** The CSRF token of the current session (from POST /session or GET /me). */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** For the few GETs that change state (the bank export, WDR-7). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'X-CSRF-Token': csrfToken } : {});

interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/**
 * Every console request: cookies included, the CSRF header on state changes, and a
 * problem+json answer turned into an HttpError whose message is the problem's detail
 * and whose `errors` map fields for react-admin's server-side validation.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  if (!options.method || options.method === 'GET') {
    // The first screen's answers the entry module asked for before react-admin loaded (early.ts).
    const answer = await takeEarly(url);
    if (answer && answer.status >= 200 && answer.status < 300) return answer;
  }
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  if (options.method && options.method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'include' });
  } catch (error) {
    if (error instanceof HttpError) {
      const body = (error.body ?? {}) as ProblemBody;
      const fieldErrors = Object.fromEntries(
        (body.errors ?? []).map((e) => [e.field.replace(/^body\./, ''), e.message]),
      );
      // The server's own text in English (it names the amounts, dates and people of this case); in another
      // console language the problem's type in that language, or the server's text for a type it lacks.
      const slug = typeof body.type === 'string' ? body.type.replace(/^.*\/problems\//, '') : '';
      const serverText = body.detail ?? body.title ?? error.message;
      const message =
        slug && i18nProvider.getLocale() !== 'en'
          ? i18nProvider.translate(`enums.problem.${slug}`, { _: serverText })
          : serverText;
      throw new HttpError(message, error.status, {
        ...body,
        errors: fieldErrors,
      });
    }
    throw error;
  }
}
