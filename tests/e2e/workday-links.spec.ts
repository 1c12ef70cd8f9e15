import type { Page } from '@playwright/test';
import { expect, expectAccessible, openConsole, test } from './fixtures';
import { DAY, expectStatus, type Builders, type UserApi } from './builders';

/**
 * Issue 16, items 1, 5 and 10: a staff member's working day across linked records, at a laptop's
 * 1366×768, in English and in Indonesian, with axe on every page visited.
 */
test.use({ viewport: { width: 1366, height: 768 } });

type Lang = 'en' | 'id';
const LANGS: Lang[] = ['en', 'id'];

/** The console's language switch (react-admin's LocalesMenuButton has no accessible name of its own). */
async function useLanguage(page: Page, lang: Lang) {
  await page.locator('header button[aria-controls="simple-menu"]').click();
  await page.getByRole('menuitem', { name: lang === 'id' ? 'Bahasa Indonesia' : 'English' }).click();
  await expect(
    page.getByRole('menuitem', { name: lang === 'id' ? 'Aktivitas saya' : 'My activity' }),
  ).toBeVisible();
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Rina sells, Agus buys: a refund request on one order and a dispute on another. */
async function agusWithCases(make: Builders) {
  const rina = await make.seller('Rina Hartono');
  const agus = await make.user('Agus Pratama');
  const translation = await make.service(rina, {
    title: 'English to Indonesian translation',
    price: 300_000,
  });
  const logo = await make.service(rina, { title: 'Logo for a coffee shop', price: 500_000 });
  const refundOrder = await make.order(agus, translation);
  await make.pay(agus, refundOrder);
  const refund = await make.refundRequest(
    agus,
    refundOrder,
    'seller_unresponsive',
    'No answer from the seller for three days and the print deadline is Friday.',
  );
  const disputedOrder = await make.order(agus, logo);
  await make.pay(agus, disputedOrder);
  await make.deliver(rina, disputedOrder);
  const dispute = await make.dispute(agus, disputedOrder, 200_000, 'The logo is a copy of a stock image.');
  return { rina, agus, refundOrder, refund, disputedOrder, dispute };
}

/** A cancellation the seller declined, escalated by the buyer (RES-7). */
async function escalation(make: Builders, buyer: UserApi, seller: UserApi, title: string) {
  const order = await make.order(buyer, await make.service(seller, { title, price: 400_000 }));
  await make.pay(buyer, order);
  const req = expectStatus(
    await buyer.post(`/api/v1/orders/${order.id}/resolution-requests`, {
      kind: 'cancel',
      reason: 'requirements_changed',
      message: 'We no longer need this work.',
    }),
    201,
    'cancellation request',
  ).body as { id: number };
  expectStatus(
    await seller.post(`/api/v1/resolution-requests/${req.id}/decline`, { answer: 'Work is half done.' }),
    200,
    'decline',
  );
  return expectStatus(
    await buyer.post(`/api/v1/resolution-requests/${req.id}/escalate`, {
      statement: 'The seller is stalling.',
    }),
    201,
    'escalate',
  ).body as { id: number };
}

/** The list in view fits its width: nothing to scroll sideways (item 10). */
async function expectNoHorizontalOverflow(page: Page) {
  await expect(page.locator('.RaDatagrid-table, .RaList-noResults').first()).toBeVisible();
  const sizes = await page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('.RaList-main') ?? document.body;
    const wrappers = [...document.querySelectorAll<HTMLElement>('.RaDatagrid-tableWrapper')];
    return {
      document: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      list: [list.scrollWidth, list.clientWidth],
      tables: wrappers.map((w) => [w.scrollWidth, w.clientWidth]),
    };
  });
  expect(sizes.document[0], `document ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(sizes.document[1]!);
  expect(sizes.list[0], `list ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(sizes.list[1]!);
  for (const [scroll, client] of sizes.tables)
    expect(scroll, `table ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(client!);
}

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  for (const lang of LANGS) {
    test(`[${lang}] a support agent opens a refund, follows the order link and \
the buyer link, and sees the buyer's other cases`, async ({ page, make }) => {
      test.slow(); // five pages, each checked with axe
      const { agus, rina, refund, refundOrder, dispute } = await agusWithCases(make);
      await openConsole(page);
      await useLanguage(page, lang);
      await page.goto(`/#/refund-requests/${refund.id}/show`);
      await expect(
        page.getByText('No answer from the seller for three days and the print deadline is Friday.'),
      ).toBeVisible();
      // Both parties by name, each a link to their page.
      await expect(page.getByRole('link', { name: 'Agus Pratama' }).first()).toBeVisible();
      await expect(page.getByRole('link', { name: 'Rina Hartono' }).first()).toBeVisible();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'English to Indonesian translation' }).click();
      await expect(page).toHaveURL(new RegExp(`/orders/${refundOrder.id}/show`));
      await page.getByRole('tab', { name: lang === 'id' ? 'Kasus' : 'Cases' }).click();
      const orderCases = page.getByTestId('cases-refund-requests');
      await expect(orderCases.getByRole('link', { name: `#${refund.id}` })).toBeVisible();
      await expect(page.getByTestId('cases-disputes')).toContainText(lang === 'id' ? 'Tidak ada' : 'None');
      await expectAccessible(page);

      await orderCases.getByRole('link', { name: 'Agus Pratama' }).click();
      await expect(page).toHaveURL(new RegExp(`/users/${agus.id}/show`));
      // The buyer's other cases: the dispute on the logo order, with both parties named.
      const disputes = page.getByTestId('cases-disputes');
      await expect(disputes.getByRole('link', { name: 'Logo for a coffee shop' })).toBeVisible();
      await expect(disputes.getByRole('link', { name: 'Rina Hartono' })).toBeVisible();
      await expect(
        page.getByTestId('cases-refund-requests').getByRole('link', { name: `#${refund.id}` }),
      ).toBeVisible();
      await expectAccessible(page);

      await disputes.getByRole('link', { name: `#${dispute.id}` }).click();
      await expect(page).toHaveURL(new RegExp(`/disputes/${dispute.id}/show`));
      // The dispute names the parties instead of only "buyer" and "seller".
      await expect(page.getByRole('main').getByRole('link', { name: 'Agus Pratama' }).first()).toBeVisible();
      await expect(page.getByRole('main').getByRole('link', { name: 'Rina Hartono' }).first()).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('main').getByRole('link', { name: 'Rina Hartono' }).first().click();
      await expect(page).toHaveURL(new RegExp(`/users/${rina.id}/show`));
      await expect(
        page.getByTestId('cases-disputes').getByRole('link', { name: `#${dispute.id}` }),
      ).toBeVisible();
      await expectAccessible(page);
    });

    test(`[${lang}] a keyboard-only user opens a queue row with Tab and Enter, \
and sees where the focus is`, async ({ page, make }) => {
      const { refund } = await agusWithCases(make);
      await openConsole(page);
      await useLanguage(page, lang);
      await page.goto('/#/support-cases');
      const row = page.locator('tr.RaDatagrid-clickableRow').first();
      await expect(row).toBeVisible();
      await expectAccessible(page);
      let onRow = false;
      for (let i = 0; i < 80 && !onRow; i++) {
        await page.keyboard.press('Tab');
        onRow = await page.evaluate(
          () => document.activeElement?.matches('tr.RaDatagrid-clickableRow') ?? false,
        );
      }
      expect(onRow, 'a queue row takes the focus with Tab').toBe(true);
      // A visible focus ring: a 3 px outline, not the browser's faint default.
      const outline = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      expect(outline.style).not.toBe('none');
      expect(outline.width).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/(refund-requests|escalations)\/\d+\/show/);
      expect(page.url()).toContain(`/refund-requests/${refund.id}/show`);
      await expectAccessible(page);
    });

    test(`[${lang}] a missing record shows "not found" with a way back`, async ({ page }) => {
      await openConsole(page);
      await useLanguage(page, lang);
      await page.goto('/#/disputes/999999/show');
      const notFound = page.getByTestId('record-not-found');
      await expect(notFound).toContainText(lang === 'id' ? 'Tidak ditemukan' : 'Not found');
      await expectAccessible(page);
      await notFound
        .getByRole('link', { name: lang === 'id' ? 'Kembali ke daftar' : 'Back to the list' })
        .click();
      await expect(page).toHaveURL(/#\/disputes$|#\/disputes\?/);
      // A case kind without a list of its own goes back to the dashboard.
      await page.goto('/#/refund-requests/999999/show');
      await expect(page.getByTestId('record-not-found')).toBeVisible();
      await page
        .getByTestId('record-not-found')
        .getByRole('link', { name: lang === 'id' ? 'Kembali ke dasbor' : 'Back to the dashboard' })
        .click();
      await expect(page).toHaveURL(/#\/$/);
    });
  }
});

test.describe('as admin', () => {
  test.use({ staffMember: 'admin' });

  for (const lang of LANGS) {
    test(`[${lang}] an admin reads a setting by its name and edits a percentage in %`, async ({
      page,
      staffApiOf,
    }) => {
      const admin = await staffApiOf('admin');
      await openConsole(page);
      await useLanguage(page, lang);
      await page.goto('/#/settings');
      await expect(page.getByText(lang === 'id' ? 'Ambang empat mata' : 'Four-eyes threshold')).toBeVisible();
      await expect(page.getByText('Rp 10.000.000').first()).toBeVisible();
      await expectAccessible(page);
      await page.getByText(lang === 'id' ? 'Komisi' : 'Commission', { exact: true }).click();
      await expect(page).toHaveURL(/\/settings\/commission_bp/);
      const summary = page.getByTestId('setting-summary');
      await expect(summary).toContainText(
        lang === 'id'
          ? 'Komisi yang diambil dari pesanan saat selesai.'
          : 'Commission taken from an order on completion.',
      );
      await expect(page.getByTestId('setting-current')).toHaveText('20 %');
      await expect(page.getByTestId('setting-default')).toHaveText('20 %');
      await expect(page.getByTestId('setting-last-change')).toContainText(
        lang === 'id' ? 'Belum pernah diubah' : 'Never changed',
      );
      // No Delete: the API has none.
      await expect(page.getByRole('button', { name: /delete|hapus/i })).toHaveCount(0);
      await expectAccessible(page);
      const value = page.getByRole('spinbutton', { name: lang === 'id' ? 'Nilai baru' : 'New value' });
      await expect(value).toHaveValue('20');
      await value.fill('22.5');
      await page
        .getByRole('textbox', { name: lang === 'id' ? 'Alasan perubahan' : 'Reason for the change' })
        .fill('Commission review of November');
      await page.getByRole('button', { name: lang === 'id' ? 'Simpan' : 'Save' }).click();
      await expect(page).toHaveURL(/#\/settings$|#\/settings\?/);
      // Stored as before: basis points.
      const stored = expectStatus(await admin.get('/api/admin/settings/commission_bp'), 200, 'setting');
      expect(stored.body.value).toBe(2250);
      expect(stored.body.changedBy).toBeTruthy();
      await expect(page.getByRole('row', { name: /22[.,]5 %/ })).toBeVisible();
      await page.goto('/#/settings/commission_bp');
      await expect(page.getByTestId('setting-current')).toHaveText(lang === 'id' ? '22,5 %' : '22.5 %');
      await expect(page.getByTestId('setting-last-change')).toContainText('Commission review of November');
      // A staff member's page has no Delete either.
      await page.goto('/#/staff');
      await page.locator('tr.RaDatagrid-clickableRow').first().click();
      await expect(page.getByRole('button', { name: lang === 'id' ? 'Simpan' : 'Save' })).toBeVisible();
      await expect(page.getByRole('button', { name: /delete|hapus/i })).toHaveCount(0);
      await expectAccessible(page);
    });
  }

  test('one case page per queue, in English and Indonesian, each passing axe (screenshots)', async ({
    page,
    make,
    staffApiOf,
  }) => {
    test.slow();
    const { agus, rina, refund, dispute, disputedOrder } = await agusWithCases(make);
    const escalated = await escalation(make, agus, rina, 'Product photos for a catalogue');
    // A payout: earnings cleared 14 days after a completed order (CLR-1).
    const sari = await make.seller('Sari Wulandari');
    const budi = await make.user('Budi Santoso');
    await make.completedOrder(
      budi,
      sari,
      await make.service(sari, { title: 'Brand booklet', price: 1_500_000 }),
    );
    await make.advanceClock(14 * DAY + 3600);
    const payout = await make.withdrawal(sari, 600_000, {
      type: 'bank_transfer',
      bank: 'BCA',
      accountNumber: '0123456789',
      holderName: 'Sari Wulandari',
    });
    await make.message(rina, disputedOrder, 'Pay me on my bank account directly, cheaper!');
    const report = await make.reportMessage(
      agus,
      disputedOrder,
      'Pay me on my bank account directly, cheaper!',
      'Asked to pay outside Pasar.',
    );
    const dewi = await make.user('Dewi Lestari');
    await make.identityPhotos(dewi, PNG);
    const application = await make.application(dewi, 'Four years of illustration for children’s books.');
    const ticket = expectStatus(
      await agus.post('/api/v1/support/tickets', {
        topic: 'payment_problem',
        subject: 'Charged twice for the logo',
        message: 'My card shows two charges of Rp 500.000 for one order.',
        orderId: disputedOrder.id,
      }),
      201,
      'ticket',
    ).body as { id: number };
    const identity = (
      expectStatus(
        await (
          await staffApiOf('admin')
        ).get(`/api/admin/identity-checks?filter=${encodeURIComponent(JSON.stringify({ userId: dewi.id }))}`),
        200,
        'identity checks',
      ).body as { id: number }[]
    )[0]!;

    const pages: [string, string, string][] = [
      ['refund', `/refund-requests/${refund.id}/show`, 'Agus Pratama'],
      ['escalation', `/escalations/${escalated.id}/show`, 'Product photos for a catalogue'],
      ['dispute', `/disputes/${dispute.id}/show`, 'Rina Hartono'],
      ['payout', `/withdrawals/${payout.id}/show`, 'Sari Wulandari'],
      ['report', `/reports/${report.id}/show`, 'Rina Hartono'],
      ['identity-check', `/identity-checks/${identity.id}/show`, 'Dewi Lestari'],
      ['seller-application', `/seller-applications/${application.id}/show`, 'Dewi Lestari'],
      ['ticket', `/tickets/${ticket.id}/show`, 'Charged twice for the logo'],
    ];
    await openConsole(page);
    for (const lang of LANGS) {
      await useLanguage(page, lang);
      for (const [queue, path, shown] of pages) {
        await page.goto(`/#${path}`);
        await expect(page.getByRole('main').getByText(shown).first()).toBeVisible();
        await expectAccessible(page);
        await page.screenshot({ path: `test-results/screenshots/case-${queue}-${lang}.png`, fullPage: true });
      }
    }
    // The payout page's user link opens the seller, whose balance cards show whole amounts.
    await page.goto(`/#/withdrawals/${payout.id}/show`);
    await page.getByRole('main').getByRole('link', { name: 'Sari Wulandari' }).click();
    await expect(page).toHaveURL(new RegExp(`/users/${sari.id}/show`));
    await expect(
      page.getByTestId('cases-withdrawals').getByRole('link', { name: `#${payout.id}` }),
    ).toBeVisible();
  });
});

test.describe('as finance', () => {
  test.use({ staffMember: 'finance' });

  test(`finance lists fit 1366×768 without sideways scrolling, in both languages; \
"Open only" off shows every payout`, async ({ page, make, staffApiOf }) => {
    test.slow();
    const sari = await make.seller('Sari Wulandari');
    const rina = await make.seller('Rina Hartono');
    const budi = await make.user('Budi Santoso');
    await make.completedOrder(
      budi,
      sari,
      await make.service(sari, { title: 'Brand booklet', price: 1_500_000 }),
    );
    await make.completedOrder(
      budi,
      rina,
      await make.service(rina, { title: 'Shop photos', price: 1_000_000 }),
    );
    await make.advanceClock(14 * DAY + 3600);
    const method = (holderName: string) => ({
      type: 'bank_transfer' as const,
      bank: 'BCA',
      accountNumber: '0123456789',
      holderName,
    });
    const open = await make.withdrawal(sari, 600_000, method('Sari Wulandari'));
    const closed = await make.withdrawal(rina, 500_000, method('Rina Hartono'));
    const finance = await staffApiOf('finance');
    expectStatus(
      await finance.post(`/api/admin/withdrawals/${closed.id}/reject`, {
        reason: 'Account holder name differs',
      }),
      200,
      'reject payout',
    );

    await openConsole(page);
    for (const lang of LANGS) {
      await useLanguage(page, lang);
      await page.goto('/#/withdrawals');
      await expect(page.getByRole('row', { name: /Sari Wulandari/ })).toBeVisible();
      await expect(page.getByRole('row', { name: /Rina Hartono/ })).toHaveCount(0);
      await expectNoHorizontalOverflow(page);
      // The row checkboxes are named.
      await expect(page.getByRole('checkbox', { name: new RegExp(`${open.id}`) })).toBeVisible();
      await expectAccessible(page);
      // "Open only" off: every payout, the open one and the rejected one.
      await page.getByRole('switch', { name: lang === 'id' ? 'Hanya yang terbuka' : 'Open only' }).uncheck();
      await expect(page.getByRole('row', { name: /Rina Hartono/ })).toBeVisible();
      await expect(page.getByRole('row', { name: /Sari Wulandari/ })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await page.getByRole('switch', { name: lang === 'id' ? 'Hanya yang terbuka' : 'Open only' }).check();
      await expect(page.getByRole('row', { name: /Rina Hartono/ })).toHaveCount(0);
      for (const list of ['users', 'held-funds', 'invoices', 'ledger-entries']) {
        await page.goto(`/#/${list}`);
        await expectNoHorizontalOverflow(page);
        await expectAccessible(page);
      }
      // Balance cards show whole amounts, never "Rp 600.0".
      await page.goto(`/#/users/${sari.id}/show`);
      const cards = page.getByRole('main').locator('.MuiCard-root h6');
      await expect(cards.first()).toBeVisible();
      const cut = await cards.evaluateAll((els) =>
        els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent),
      );
      expect(cut).toEqual([]);
      await expectAccessible(page);
    }
  });
});
