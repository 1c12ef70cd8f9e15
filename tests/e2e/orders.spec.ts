import { expect, openConsole, test } from './fixtures';

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  test(`support follows a completed order: milestones, the whole timeline with \
postings, the seller's balances`, async ({ page, make }) => {
    const sari = await make.seller('Sari Wulandari');
    const budi = await make.user('Budi Santoso');
    const logo = await make.service(sari, { title: 'Logo design for your online shop', price: 750_000 });
    const order = await make.order(budi, logo);
    await make.pay(budi, order);
    await make.message(budi, order, 'Halo Sari, my shop sells batik bags. Earthy colours please.');
    await make.deliver(sari, order, 'Three concepts attached, with vector files.');
    await make.accept(budi, order);

    await openConsole(page);
    // MNY-4 on the dashboard: the books balance after a whole order.
    await expect(page.getByTestId('trial-balance-state')).toContainText('Ledger balanced');
    await page.getByRole('menuitem', { name: 'Orders' }).click();
    await page.getByRole('cell', { name: 'Logo design for your online shop' }).click();
    await expect(page.getByText('Sari Wulandari').first()).toBeVisible();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expect(page.getByText(/Buyer paid a milestone/).first()).toBeVisible();
    await expect(page.getByText('Halo Sari, my shop sells batik bags. Earthy colours please.')).toBeVisible();
    await expect(page.getByText(/Escrow release/).first()).toBeVisible();
    await expect(page.getByText('platform:revenue').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/console-support-order-timeline.png', fullPage: true });
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('cell', { name: sari.email }).click();
    await expect(page.getByText('Balances')).toBeVisible();
    // 750.000 less the 20% commission, pending clearance (CLR-1).
    await expect(page.getByText(/Rp\s?600\.000/)).toBeVisible();
  });
});

test.describe('as finance', () => {
  test.use({ staffMember: 'finance' });

  test('finance reads ledger entries with their postings and the accounts', async ({ page, make }) => {
    const seller = await make.seller('Rina Hartono');
    const buyer = await make.user('Agus Pratama');
    const order = await make.order(
      buyer,
      await make.service(seller, { title: 'English to Indonesian translation', price: 300_000 }),
    );
    await make.pay(buyer, order);

    await openConsole(page);
    await page.getByRole('menuitem', { name: 'Ledger' }).click();
    await expect(page.getByRole('cell', { name: 'Payment provider fee', exact: true }).first()).toBeVisible();
    await page.getByRole('menuitem', { name: 'Accounts' }).click();
    await expect(page).toHaveURL(/#\/accounts/);
    await expect(page.getByRole('cell', { name: 'platform:gateway', exact: true })).toBeVisible();
    await page.screenshot({ path: 'test-results/console-finance-accounts.png', fullPage: true });
  });
});
