import { byEmail, expect, openConsole, test } from './fixtures';
import type { Builders, UserApi } from './builders';

/** A paid order of the seller's translation service and the buyer's refund request on it (REF-1). */
async function paidOrderWithRefundRequest(
  make: Builders,
  seller: UserApi,
  buyer: UserApi,
  title: string,
  why: string,
) {
  const order = await make.order(buyer, await make.service(seller, { title, price: 300_000 }));
  await make.pay(buyer, order);
  await make.message(buyer, order, 'Any progress? The brochure goes to print on Friday.');
  await make.refundRequest(buyer, order, 'seller_unresponsive', why);
}

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  test(`REF-4: support opens the oldest refund, reads the timeline, approves in \
part, and the buyer's credit shows it`, async ({ page, make }) => {
    const rina = await make.seller('Rina Hartono');
    const agus = await make.user('Agus Pratama');
    const dewi = await make.user('Dewi Lestari');
    await paidOrderWithRefundRequest(
      make,
      rina,
      agus,
      'English to Indonesian translation',
      'No answer from the seller for three days and the print deadline is Friday.',
    );
    await paidOrderWithRefundRequest(
      make,
      rina,
      dewi,
      'Indonesian to English translation',
      'The seller has not started and does not answer my messages.',
    );

    await openConsole(page);
    await expect(page.getByRole('link', { name: 'Refund requests, Open: 2' })).toBeVisible();
    await page.getByRole('menuitem', { name: 'Refunds' }).click();
    // Oldest SLA first: the first row is the one to work on.
    await expect(page.getByRole('row').nth(2)).toContainText('Indonesian to English translation');
    await expect(page.getByRole('row').nth(1)).toContainText('English to Indonesian translation');
    // Names and titles are links to their records: the row opens from its id cell.
    await page.getByRole('row').nth(1).getByRole('cell').first().click();
    await expect(
      page.getByText('No answer from the seller for three days and the print deadline is Friday.'),
    ).toBeVisible();
    await expect(page.getByText('Any progress? The brochure goes to print on Friday.')).toBeVisible();
    await expect(page.getByText(/Buyer paid a milestone/).first()).toBeVisible();
    await expect(page.getByTestId('refund-preview')).toContainText('paid out');
    await page.getByRole('button', { name: 'Claim' }).click();
    // Assigned to the one who claimed it (the header's profile button shows the same name).
    await expect(page.getByRole('main').getByText('Sinta Support')).toBeVisible();
    await page.getByRole('button', { name: 'Approve in part' }).click();
    await page.getByRole('textbox', { name: /Amount to approve/ }).fill('100000');
    await page
      .getByRole('textbox', { name: /Reason/ })
      .fill('Seller answered late but delivered a draft; one third back to the buyer.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Approved in part').or(page.getByText('partially_approved'))).toBeVisible();
    await page.screenshot({ path: 'test-results/console-support-refund-decided.png', fullPage: true });
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await expect(page.getByRole('row', { name: byEmail(agus.email) })).toContainText(/Rp\s?100\.000/);
  });
});
