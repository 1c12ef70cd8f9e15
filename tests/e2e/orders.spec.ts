import { expect, test } from '@playwright/test';
import { DEMO, logIn } from './fixtures';

test("support follows a completed order: milestones, the whole timeline with postings, the seller's balances", async ({
  page,
}) => {
  await logIn(page, DEMO.support);
  // MNY-4 on the dashboard: the seeded books balance.
  await expect(page.getByTestId('trial-balance-state')).toContainText('Ledger balanced');
  await page.getByRole('menuitem', { name: 'Orders' }).click();
  await page.getByRole('cell', { name: 'Logo design for your online shop' }).click();
  await expect(page.getByText('Sari Wulandari').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByText(/buyer-pay-milestone/)).toBeVisible();
  await expect(page.getByText('Halo Sari, my shop sells batik bags. Earthy colours please.')).toBeVisible();
  await expect(page.getByText(/escrow-release/)).toBeVisible();
  await expect(page.getByText('platform:revenue').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/console-support-order-timeline.png', fullPage: true });
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('cell', { name: 'sari@pasar.test' }).click();
  await expect(page.getByText('Balances')).toBeVisible();
  await expect(page.getByText(/Rp\s?600\.000/)).toBeVisible();
});

test('finance reads ledger entries with their postings and the accounts', async ({ page }) => {
  await logIn(page, DEMO.finance);
  await page.getByRole('menuitem', { name: 'Ledger' }).click();
  await expect(page.getByRole('cell', { name: 'payment-fee' }).first()).toBeVisible();
  await page.getByRole('menuitem', { name: 'Accounts' }).click();
  await expect(page).toHaveURL(/#\/accounts/);
  await expect(page.getByRole('cell', { name: 'platform:gateway', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/console-finance-accounts.png', fullPage: true });
});
