import { test as setup } from '@playwright/test';
import { authFile, expect, logIn, STAFF, type StaffMember } from './fixtures';

/**
 * Runs before the specs (the `setup` project): resets the database, then each staff member logs in to
 * the console once and the browser state (the session cookie) is kept for the specs' `storageState`.
 * The reset before every test keeps these sessions: the accounts come back with the same ids.
 */
setup('each staff member logs in to the console once', async ({ browser, request, baseURL }) => {
  const reset = await request.post('/api/test/reset');
  expect(reset.status(), await reset.text()).toBe(200);
  const { staff } = (await reset.json()) as { staff: { email: string }[] };
  expect(staff.map((s) => s.email)).toEqual(Object.values(STAFF));
  for (const who of Object.keys(STAFF) as StaffMember[]) {
    const context = await browser.newContext({ baseURL });
    await logIn(await context.newPage(), STAFF[who]);
    await context.storageState({ path: authFile(who) });
    await context.close();
  }
});
