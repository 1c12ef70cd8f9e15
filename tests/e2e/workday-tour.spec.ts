import type { Page } from '@playwright/test';
import { expect, expectAccessible as axe, openConsole, test, type StaffMember } from './fixtures';

/**
 * Issue #16 item 7: each role's first day, looked at as a new staff member would at 1366×768, in English and
 * Indonesian: the dashboard and the pages of its work, with a screenshot of each under
 * test-results/screenshots/tour-<role>-<page>-<lang>.png, axe on each page and no horizontal overflow.
 */
test.use({ viewport: { width: 1366, height: 768 } });
test.setTimeout(180_000);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const PAGES: Record<Exclude<StaffMember, 'finance2'>, string[]> = {
  support: ['refund-requests', 'disputes', 'tickets', 'orders'],
  trust_safety: ['identity-checks', 'service-reviews', 'reports', 'users'],
  finance: ['withdrawals', 'held-funds', 'ledger-entries', 'payout-batches'],
  admin: ['audit-log', 'staff', 'settings', 'reason-templates'],
};

async function settle(page: Page) {
  await expect(async () => {
    await expect(page.locator('.MuiCircularProgress-root')).toHaveCount(0, { timeout: 1_000 });
    await axe(page);
  }).toPass({ timeout: 15_000 });
}

for (const role of Object.keys(PAGES) as (keyof typeof PAGES)[])
  for (const lang of ['en', 'id'] as const)
    test.describe(`${role} (${lang})`, () => {
      test.use({ staffMember: role });
      test(`a new ${role} staff member looks around the console (${lang})`, async ({ page, make }) => {
        const sari = await make.seller('Sari Wulandari');
        const agus = await make.user('Agus Pratama');
        const service = await make.service(sari, { title: 'Logo for a coffee shop', price: 500_000 });
        const order = await make.order(agus, service);
        await make.pay(agus, order);
        await make.refundRequest(agus, order, 'seller_not_working_as_agreed', 'No answer for a week.');
        await make.identityPhotos(sari, PNG);
        await make.service(sari, { title: 'Menu board for a café', price: 300_000 }, { approve: false });

        await openConsole(page);
        if (lang === 'id') {
          await page.locator('header button[aria-controls="simple-menu"]').click();
          await page.getByRole('menuitem', { name: 'Bahasa Indonesia' }).click();
        }
        await settle(page);
        await page.screenshot({ path: `test-results/screenshots/tour-${role}-dashboard-${lang}.png` });
        for (const resource of PAGES[role]) {
          await page.goto(`/#/${resource}`);
          await settle(page);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${resource} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `test-results/screenshots/tour-${role}-${resource}-${lang}.png` });
          // The first row's page, where the list has one.
          const first = page.locator('tbody tr').first();
          if ((await first.count()) && (await first.getAttribute('class'))?.includes('rowClick')) {
            await first.locator('td').nth(1).click();
            await settle(page);
            await page.screenshot({
              path: `test-results/screenshots/tour-${role}-${resource}-show-${lang}.png`,
              fullPage: true,
            });
          }
        }
      });
    });
