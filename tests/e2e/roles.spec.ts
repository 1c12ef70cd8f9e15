import { DEMO_PASSWORD, expect, logIn, logOut, menuEntries, openConsole, STAFF, test } from './fixtures';

/** OPS-1: each role sees its own sections of the console and nothing else. */
const MENUS: Record<'admin' | 'support' | 'trust_safety' | 'finance', string[]> = {
  admin: [
    'Dashboard',
    'Tickets',
    'Refunds',
    'Disputes',
    'Seller applications',
    'Identity checks',
    'Service reviews',
    'Contact flags',
    'Reports',
    'Active suspensions',
    'Reviews',
    'Payouts',
    'Held funds',
    'Payout batches',
    'Invoices',
    'Revenue report',
    'Users',
    'Orders',
    'Ledger',
    'Accounts',
    'Staff',
    'Policy settings',
    'Audit log',
    'Outbox',
    'SMS outbox',
    'Failed jobs',
    'Macros',
    'Reason templates',
    'My activity',
  ],
  support: ['Dashboard', 'Tickets', 'Refunds', 'Disputes', 'Users', 'Orders', 'Ledger', 'My activity'],
  trust_safety: [
    'Dashboard',
    'Tickets',
    'Seller applications',
    'Identity checks',
    'Service reviews',
    'Contact flags',
    'Reports',
    'Active suspensions',
    'Reviews',
    'Users',
    'Orders',
    'Ledger',
    'My activity',
  ],
  finance: [
    'Dashboard',
    'Tickets',
    'Payouts',
    'Held funds',
    'Payout batches',
    'Invoices',
    'Revenue report',
    'Users',
    'Orders',
    'Ledger',
    'Accounts',
    'My activity',
  ],
};

// These stories are about logging in, so they log in through the login page (no stored session).
for (const role of Object.keys(MENUS) as (keyof typeof MENUS)[]) {
  test(`OPS-1: ${role} logs in, sees only their own menu, and logs out`, async ({ page }) => {
    await logIn(page, STAFF[role]);
    expect(await menuEntries(page)).toEqual(MENUS[role]);
    await page.screenshot({ path: `test-results/console-${role}.png`, fullPage: true });
    await logOut(page);
    // The session is gone: the console asks to log in again.
    await page.goto('/#/my-activity');
    await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
  });
}

test('a wrong password shows an error and stays on the login page', async ({ page }) => {
  await page.goto('/#/login');
  await page.getByRole('textbox', { name: 'Username' }).fill(STAFF.support);
  await page.getByRole('textbox', { name: 'Password' }).fill('WrongPass1');
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByText(/email or password is wrong/i)).toBeVisible();
});

test.describe('as admin', () => {
  test.use({ staffMember: 'admin' });

  test('admin reads policy settings and the audit log, and switches the console to Indonesian', async ({
    page,
    playwright,
  }) => {
    // Support logs in on the session endpoint the console uses (in a browser of their own: this test's
    // `request` carries the admin's cookie); the audit log must show the login.
    const support = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    const login = await support.post('/api/admin/session', {
      data: { email: STAFF.support, password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    await support.dispose();

    await openConsole(page);
    // OPS-4: nothing the scheduler gave up on after a reset; the failed-jobs list opens on the failed ones.
    await expect(page.getByText('No failed jobs')).toBeVisible();
    await page.getByRole('menuitem', { name: 'Failed jobs' }).click();
    await expect(page.getByText(/No Failed jobs found/)).toBeVisible();
    await page.getByRole('menuitem', { name: 'Policy settings' }).click();
    await expect(page.getByText('commission_bp')).toBeVisible();
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await expect(page.getByText('Staff login').first()).toBeVisible();
    // react-admin's LocalesMenuButton renders aria-label="" (no accessible name), so it is found by its
    // menu link.
    const languageButton = page.locator('header button[aria-controls="simple-menu"]');
    await languageButton.click();
    await page.getByRole('menuitem', { name: 'Bahasa Indonesia' }).click();
    await expect(page.getByRole('menuitem', { name: 'Pengaturan kebijakan' })).toBeVisible();
    await page.screenshot({ path: 'test-results/console-admin-id.png', fullPage: true });
    await languageButton.click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect(page.getByRole('menuitem', { name: 'Policy settings' })).toBeVisible();
  });
});
