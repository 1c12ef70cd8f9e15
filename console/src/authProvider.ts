import type { AuthProvider } from 'react-admin';
import { API_ROOT, httpClient, setCsrfToken } from './api';
import { setTimeZone } from './common/dateTime';
import { forgetEarly } from './early';

export type Role = 'admin' | 'support' | 'trust_safety' | 'finance';
export interface Me {
  id: number;
  email: string;
  name: string;
  role: Role;
  csrfToken: string;
  /** OPS-7: signed in with a password only, the second factor is still to enrol. */
  secondFactorEnrolmentRequired?: boolean;
  /** PASAR_TIMEZONE: the zone every date of the console is shown in. */
  timezone?: string;
}

/** Thrown by login() when the password was right and the second step (a code) is next (OPS-7). */
export const SECOND_FACTOR_REQUIRED = 'app.security.code_required';

let me: Promise<Me | null> | null = null;

/** After enrolment the session may reach everything: read /me again. */
export function forgetMe() {
  me = null;
}

/** GET /me, asked once and shared: main.tsx starts it before the first render (issue #15). */
export function loadMe(): Promise<Me | null> {
  me ??= httpClient(`${API_ROOT}/me`).then(
    ({ json }) => {
      setCsrfToken(json.csrfToken);
      setTimeZone((json as Me).timezone);
      return json as Me;
    },
    () => {
      me = null;
      return null;
    },
  );
  return me;
}

/** Staff auth on the session endpoints: POST/DELETE /api/admin/session, GET /api/admin/me. */
export const authProvider: AuthProvider = {
  async login({ username, password, code }: { username: string; password: string; code?: string }) {
    forgetEarly();
    // Two steps when a second factor is enrolled (OPS-7): the password answers 202, then the code.
    const { status, json } = code
      ? await httpClient(`${API_ROOT}/session/second-factor`, {
          method: 'POST',
          body: JSON.stringify({ code }),
        })
      : await httpClient(`${API_ROOT}/session`, {
          method: 'POST',
          body: JSON.stringify({ email: username, password }),
        });
    if (status === 202) throw new Error(SECOND_FACTOR_REQUIRED);
    setCsrfToken(json.csrfToken);
    setTimeZone((json as Me).timezone);
    me = Promise.resolve(json as Me);
  },
  async logout() {
    forgetEarly();
    const current = me ? await me : null;
    if (current) await httpClient(`${API_ROOT}/session`, { method: 'DELETE' }).catch(() => undefined);
    me = null;
    setCsrfToken(null);
  },
  async checkAuth() {
    if (!(await loadMe())) throw new Error('ra.auth.auth_check_error');
  },
  // eslint-disable-next-line @typescript-eslint/require-await -- react-admin's AuthProvider contract is async
  async checkError(error) {
    if (error?.status === 401) {
      me = null;
      throw new Error('ra.auth.auth_check_error');
    }
    // 403 is "not your role": stay logged in and show the message.
  },
  async getPermissions() {
    return (await loadMe())?.role ?? null;
  },
  async getIdentity() {
    const current = await loadMe();
    if (!current) throw new Error('not logged in');
    return {
      id: current.id,
      fullName: current.name,
      role: current.role,
      mustEnrol: current.secondFactorEnrolmentRequired === true,
    };
  },
};
