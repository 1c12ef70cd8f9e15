import { expect, test } from '@playwright/test';
import { DEMO, logIn } from './fixtures';

test("REF-4: support opens the oldest refund, reads the timeline, approves in part, and the buyer's credit shows it", async ({
  page,
}) => {
  await logIn(page, DEMO.support);
  await expect(page.getByTestId('refunds-open')).toContainText('1 open');
  await page.getByRole('menuitem', { name: 'Refunds' }).click();
  // Oldest SLA first: the first row is the one to work on.
  await page.getByRole('row').nth(1).click();
  await expect(
    page.getByText('No answer from the seller for three days and the print deadline is Friday.'),
  ).toBeVisible();
  await expect(page.getByText('Any progress? The brochure goes to print on Friday.')).toBeVisible();
  await expect(page.getByText(/buyer-pay-milestone/)).toBeVisible();
  await expect(page.getByTestId('refund-preview')).toContainText('paid out');
  await page.getByRole('button', { name: 'Claim' }).click();
  await expect(page.getByText('Sinta Support')).toBeVisible();
  await page.getByRole('button', { name: 'Approve in part' }).click();
  await page.getByRole('textbox', { name: /Amount to approve/ }).fill('100000');
  await page
    .getByRole('textbox', { name: /Reason/ })
    .fill('Seller answered late but delivered a draft; one third back to the buyer.');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Approved in part').or(page.getByText('partially_approved'))).toBeVisible();
  await page.screenshot({ path: 'test-results/console-support-refund-decided.png', fullPage: true });
  await page.getByRole('menuitem', { name: 'Users' }).click();
  const agus = page.getByRole('row', { name: /agus@pasar\.test/ });
  await expect(agus).toContainText(/Rp\s?100\.000/);
});
