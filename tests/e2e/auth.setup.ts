import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test as setup } from '@playwright/test';
import {
  authFile,
  autoNextKey,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  expect,
  STAFF,
  totpCode,
  type StaffMember,
} from './fixtures';

/**
 * Runs before the specs (the `setup` project): resets the database, then each staff member logs in
 * once, on the session endpoint the console's login page calls (the login page itself is what the
 * OPS-1 stories test), and the session cookie is kept for the specs' `storageState`. The reset before
 * every test keeps these sessions: the accounts come back with the same ids.
 */
setup('each staff member logs in to the console once', async ({ playwright, request, baseURL }) => {
  const reset = await request.post('/api/test/reset');
  expect(reset.status(), await reset.text()).toBe(200);
  const { staff } = (await reset.json()) as { staff: { email: string }[] };
  expect(staff.map((s) => s.email)).toEqual(Object.values(STAFF));
  for (const who of Object.keys(STAFF) as StaffMember[]) {
    const browser = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
    });
    let login = await browser.post('/api/admin/session', {
      data: { email: STAFF[who], password: DEMO_PASSWORD },
    });
    // OPS-7: admin and finance give the code of the demo authenticator secret in a second step.
    if (login.status() === 202)
      login = await browser.post('/api/admin/session/second-factor', {
        data: { code: await totpCode(DEMO_TOTP_SECRET) },
      });
    expect(login.status(), await login.text()).toBe(200);
    // OPS-2: the console opens the next case after a decision unless the staff member turned it off. The
    // stories check each case page after its decision, so the saved sessions start with it off; the
    // "next case" story turns it back on (tests/e2e/workday-next.spec.ts).
    const me = (await (await browser.get('/api/admin/me')).json()) as { id: number };
    const state = await browser.storageState();
    state.origins = [
      { origin: new URL(baseURL!).origin, localStorage: [{ name: autoNextKey(me.id), value: 'off' }] },
    ];
    mkdirSync(path.dirname(authFile(who)), { recursive: true });
    writeFileSync(authFile(who), JSON.stringify(state));
    await browser.dispose();
  }
});
