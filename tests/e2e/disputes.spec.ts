import { byEmail, expect, expectStatus, openConsole, test } from './fixtures';
import { CARD, DAY } from './builders';

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  test('DSP-10: support decides an arbitration 70/30 and both balances move as the preview showed', async ({
    page,
    make,
  }) => {
    const wulan = await make.seller('Wulan Sari');
    const dimas = await make.user('Dimas Prakoso');
    const book = await make.service(wulan, {
      title: 'Children book illustration',
      category: 'graphics_design',
      price: 2_000_000,
      deliveryDays: 10,
    });
    const order = await make.order(dimas, book);
    await make.pay(dimas, order);
    await make.deliver(wulan, order, 'All ten illustrations.');
    const dispute = await make.dispute(
      dimas,
      order,
      1_000_000,
      'Four of the illustrations do not follow the storyboard.',
    );
    expectStatus(
      await wulan.post(`/api/v1/disputes/${dispute.id}/statements`, {
        text: 'The storyboard changed twice during the work.',
      }),
      201,
      'statement',
    );
    // The negotiation window passes without an agreement; both parties pay the arbitration fee.
    await make.advanceClock(5 * DAY + 60);
    expectStatus(await dimas.post(`/api/v1/disputes/${dispute.id}/arbitration`, CARD), 200, 'arbitration');
    expectStatus(await wulan.post(`/api/v1/disputes/${dispute.id}/arbitration/pay`, CARD), 200, 'fee');

    await openConsole(page);
    await page.getByRole('menuitem', { name: 'Disputes' }).click();
    // The order title is a link to the order: the row opens from its id cell.
    await page
      .getByRole('row', { name: /Children book illustration/ })
      .getByRole('cell')
      .first()
      .click();
    await expect(page.getByText('The storyboard changed twice during the work.')).toBeVisible();
    await page.getByRole('button', { name: 'Decide split' }).click();
    await page.getByRole('textbox', { name: 'Buyer %' }).fill('70');
    await page.getByRole('textbox', { name: 'Seller %' }).fill('30');
    const preview = page.getByTestId('split-preview');
    // 70% of 2.000.000 to the buyer; 30% less 20% commission to the seller; the buyer's fee (100.000)
    // comes back.
    await expect(preview).toContainText(/Rp\s?1\.400\.000/);
    await expect(preview).toContainText(/Rp\s?480\.000/);
    await expect(preview).toContainText('the buyer gets their arbitration fee back');
    await page
      .getByRole('textbox', { name: /Reason/ })
      .fill('Four illustrations ignored the storyboard; the rest is good work.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Decided in arbitration').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/console-support-dispute-decided.png', fullPage: true });
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await expect(page.getByRole('row', { name: byEmail(dimas.email) })).toContainText(/Rp\s?1\.500\.000/);
    await expect(page.getByRole('row', { name: byEmail(wulan.email) })).toContainText(/Rp\s?480\.000/);
  });
});
