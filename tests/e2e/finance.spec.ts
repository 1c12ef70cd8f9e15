import { readFile } from 'node:fs/promises';
import { byEmail, expect, openConsole, test } from './fixtures';
import { DAY } from './builders';

test.describe('as finance', () => {
  test.use({ staffMember: 'finance' });

  /**
   * Two sellers with cleared earnings ask for payouts: Sari's Rp 1.000.000 and Rina's Rp 11.000.000,
   * which is above the four-eyes threshold (WDR-6). Finance approves both in bulk, a second finance
   * user completes Rina's, the batch is exported as CSV (WDR-7), one is marked paid and one failed
   * (WDR-4), and the Users list shows the sellers' balances following.
   */
  test(`WDR-4, WDR-6, WDR-7: finance approves two payouts in bulk, exports the \
CSV, marks one paid and one failed`, async ({ page, pageAs, make }) => {
    test.slow(); // a long story: two whole orders, two weeks of clearance, then the payouts
    const sari = await make.seller('Sari Wulandari');
    const rina = await make.seller('Rina Hartono');
    const budi = await make.user('Budi Santoso');
    const booklet = await make.service(sari, { title: 'Brand guidelines booklet', price: 1_500_000 });
    const shop = await make.service(rina, {
      title: 'Online shop with payment integration',
      price: 15_000_000,
    });
    await make.completedOrder(budi, sari, booklet);
    await make.completedOrder(budi, rina, shop);
    // CLR-1: the earnings (less the 20% commission) clear 14 days after completion.
    await make.advanceClock(14 * DAY + 3600);
    await make.withdrawal(sari, 1_000_000, {
      type: 'bank_transfer',
      bank: 'BCA',
      accountNumber: '0123456789',
      holderName: 'Sari Wulandari',
    });
    await make.withdrawal(rina, 11_000_000, {
      type: 'bank_transfer',
      bank: 'Mandiri',
      accountNumber: '1370012345678',
      holderName: 'Rina Hartono',
    });

    await openConsole(page);
    await expect(page.getByTestId('payouts-open')).toContainText('Payouts: 2 open');
    await page.getByRole('menuitem', { name: 'Payouts' }).click();
    const sariRow = page.getByRole('row', { name: byEmail(sari.email) });
    const rinaRow = page.getByRole('row', { name: byEmail(rina.email) });
    await expect(sariRow).toContainText('First payout to this account');
    await expect(sariRow).toContainText(/•+6789/);
    await expect(rinaRow).toContainText('two approvals');
    await sariRow.getByRole('checkbox').check();
    await rinaRow.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    // OPS-8: both are first payouts to their accounts (flagged), so both start unticked in the confirmation.
    const confirm = page.getByRole('dialog');
    await expect(confirm.getByTestId('bulk-summary')).toContainText(/2 payouts, Rp\s?12\.000\.000/);
    for (const name of ['Sari Wulandari', 'Rina Hartono'])
      await confirm.getByRole('checkbox', { name: new RegExp(name) }).check();
    await confirm.getByRole('button', { name: /Approve 2/ }).click();
    await expect(page.getByText('2 approved, 0 refused.')).toBeVisible();
    await expect(sariRow).toContainText('Approved');
    await expect(rinaRow).toContainText('Awaiting second approval');
    await page.screenshot({ path: 'test-results/console-finance-payouts.png', fullPage: true });

    // The same user cannot give the second approval.
    await rinaRow.click();
    await expect(page.getByText(/First approval by Fajar Finance/)).toBeVisible();
    await page.getByRole('button', { name: 'Give second approval' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(
      page.getByText(/you gave the first approval, so a different finance user must give the second/),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // A second finance user, in a console of their own, gives it.
    const fitri = await pageAs('finance2');
    await fitri.goto('/#/withdrawals');
    await fitri.getByRole('row', { name: byEmail(rina.email) }).click();
    await fitri.getByRole('button', { name: 'Give second approval' }).click();
    await fitri.getByRole('button', { name: 'Confirm' }).click();
    await expect(fitri.getByText('Approved', { exact: true })).toBeVisible();

    await page.getByRole('menuitem', { name: 'Payouts' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export approved (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^pasar-payouts-batch-\d+\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'withdrawal_id,payout_reference,amount_idr,method,bank_or_provider,account,' +
        'holder_name,seller_id,seller_email',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 7).join(','))).toEqual([
      '1000000,bank_transfer,BCA,0123456789,Sari Wulandari',
      '11000000,bank_transfer,Mandiri,1370012345678,Rina Hartono',
    ]);
    await expect(page.getByRole('row', { name: byEmail(sari.email) })).toContainText('Exported to bank');

    await page.getByRole('row', { name: byEmail(sari.email) }).click();
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByRole('textbox', { name: 'Bank reference' }).fill('BCA-20261123-0001');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('BCA-20261123-0001', { exact: true })).toBeVisible();
    await expect(page.getByText('Paid', { exact: true })).toBeVisible();

    await page.getByRole('menuitem', { name: 'Payouts' }).click();
    await page.getByRole('row', { name: byEmail(rina.email) }).click();
    await page.getByRole('button', { name: 'Mark failed' }).click();
    await page
      .getByRole('textbox', { name: /Reason/ })
      .fill('Mandiri returned the transfer: account closed.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Failed', { exact: true })).toBeVisible();

    // Sari: 1.200.000 cleared − 1.000.000 paid out; Rina: her 12.000.000 back in available.
    await page.getByRole('menuitem', { name: 'Users' }).click();
    const sariUser = page.getByRole('row', { name: byEmail(sari.email) });
    await expect(sariUser).toContainText(/Rp\s?200\.000/);
    await expect(page.getByRole('row', { name: byEmail(rina.email) })).toContainText(/Rp\s?12\.000\.000/);
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Reconcile now' }).click();
    await expect(page.getByTestId('reconciliation-state')).toContainText('the books balance');
    await page.screenshot({ path: 'test-results/console-finance-dashboard.png', fullPage: true });
  });
});
