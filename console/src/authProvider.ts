import type { AuthProvider } from 'react-admin';
import { API_ROOT, httpClient, setCsrfToken } from './api';

export type Role = 'admin' | 'support' | 'trust_safety' | 'finance';
export interface Me {
  id: number;
  email: string;
  name: string;
  role: Role;
  csrfToken: string;
}

let me: Promise<Me | null> | null = null;

function loadMe(): Promise<Me | null> {
  me ??= httpClient(`${API_ROOT}/me`).then(
    ({ json }) => {
      setCsrfToken(json.csrfToken);
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
  async login({ username, password }) {
    const { json } = await httpClient(`${API_ROOT}/session`, {
      method: 'POST',
      body: JSON.stringify({ email: username, password }),
    });
    setCsrfToken(json.csrfToken);
    me = Promise.resolve(json as Me);
  },
  async logout() {
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
    return { id: current.id, fullName: current.name, role: current.role };
  },
};
