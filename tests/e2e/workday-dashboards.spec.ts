import type { Page } from '@playwright/test';
import { expect, expectAccessible, openConsole, test, type StaffMember } from './fixtures';
import { DAY, type Builders } from './builders';

/**
 * Issue 16 items 7-9 as a staff member's working day at 1366×768, in English and Indonesian: each role's
 * dashboard with its queues as links and its charts, finance's bank result file, support's read-only view
 * of a user's account.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = 'test-results/screenshots';
const BANK = {
  type: 'bank_transfer',
  bank: 'BCA',
  accountNumber: '0123456789',
  holderName: 'Sari Wulandari',
} as const;

async function switchLanguage(page: Page, to: 'Bahasa Indonesia' | 'English') {
  // react-admin's LocalesMenuButton is found by its menu link (it has no accessible name of its own).
  await page.locator('header button[aria-controls="simple-menu"]').click();
  await page.getByRole('menuitem', { name: to }).click();
}

/** A seller whose earnings of one completed order have cleared (CLR-1), and a payout request of theirs. */
async function sellerWithPayout(make: Builders, name: string, amount: number) {
  const seller = await make.seller(name);
  const buyer = await make.user(`Buyer of ${name}`, `buyer${name.split(' ')[0]!.toLowerCase()}`);
  const service = await make.service(seller, { title: `Logo design by ${name}`, price: 2_000_000 });
  await make.completedOrder(buyer, seller, service);
  await make.advanceClock(14 * DAY + 3600);
  return { seller, payout: await make.withdrawal(seller, amount, { ...BANK, holderName: name }) };
}

/** What each role's queue needs so that its first count is not zero. */
const WORLD: Record<
  Exclude<StaffMember, 'finance2'>,
  { build: (make: Builders) => Promise<void>; queue: string; en: RegExp; id: RegExp; list: string }
> = {
  support: {
    build: async (make) => {
      const seller = await make.seller('Sari Wulandari');
      const buyer = await make.user('Budi Santoso');
      const service = await make.service(seller, { title: 'Translation of a contract', price: 500_000 });
      const order = await make.order(buyer, service);
      await make.pay(buyer, order);
      await make.refundRequest(buyer, order, 'seller_not_working_as_agreed', 'No answer for a week.');
    },
    queue: 'support-cases',
    en: /^Refund requests, Open: 1$/,
    id: /^Pengajuan refund, Terbuka: 1$/,
    list: 'Translation of a contract',
  },
  trust_safety: {
    build: async (make) => {
      const agus = await make.user('Agus Pratama');
      await make.application(agus, 'Five years of illustration for publishers');
    },
    queue: 'seller-applications',
    en: /^Seller applications, Open: 1$/,
    id: /^Pengajuan penjual, Terbuka: 1$/,
    list: 'Agus Pratama',
  },
  finance: {
    build: async (make) => {
      await sellerWithPayout(make, 'Sari Wulandari', 1_000_000);
    },
    queue: 'withdrawals',
    en: /^Payouts, Open: 1$/,
    id: /^Pembayaran, Terbuka: 1$/,
    list: 'Sari Wulandari',
  },
  admin: {
    build: async (make) => {
      const agus = await make.user('Agus Pratama');
      await make.application(agus, 'Five years of illustration for publishers');
    },
    queue: 'seller-applications',
    en: /^Seller applications, Open: 1$/,
    id: /^Pengajuan penjual, Terbuka: 1$/,
    list: 'Agus Pratama',
  },
};

for (const [role, world] of Object.entries(WORLD) as [
  keyof typeof WORLD,
  (typeof WORLD)[keyof typeof WORLD],
][]) {
  test.describe(`as ${role}`, () => {
    test.use({ staffMember: role });

    test(`OPS-2: ${role} opens the dashboard and follows a count to its list, in \
English and Indonesian`, async ({ page, make }) => {
      test.slow();
      await world.build(make);
      await openConsole(page);
      for (const [lang, name] of [
        ['en', world.en],
        ['id', world.id],
      ] as const) {
        if (lang === 'id') {
          await switchLanguage(page, 'Bahasa Indonesia');
          await page.goto('/#/');
        }
        const counts = page.getByTestId('queue-counts');
        await expect(counts).toBeVisible();
        await expect(page.getByTestId('chart-flow').locator('svg').first()).toBeVisible();
        await expect(page.getByTestId('chart-sla')).toBeVisible();
        await page.screenshot({ path: `${SHOTS}/dashboard-${role}-${lang}.png`, fullPage: true });
        await expectAccessible(page);
        // The count is a link to the list with the same filter: the list shows that one item.
        await page.getByRole('link', { name }).click();
        await expect(page).toHaveURL(new RegExp(`#/${world.queue}\\?filter=`));
        await expect(page.getByRole('row').nth(1)).toContainText(world.list);
        await expect(page.getByRole('row')).toHaveCount(2);
        await expectAccessible(page);
        await page.goto('/#/');
      }
      await switchLanguage(page, 'English');
    });
  });
}

test.describe('as finance', () => {
  test.use({ staffMember: 'finance' });

  test('WDR-4, OPS-8: finance uploads the bank result file, reviews the preview and applies it', async ({
    page,
    make,
    staffApiOf,
  }) => {
    test.slow();
    const { payout } = await sellerWithPayout(make, 'Sari Wulandari', 1_000_000);
    const finance = await staffApiOf('finance');
    await finance.post(`/api/admin/withdrawals/${payout.id}/approve`);
    await openConsole(page);
    await page.getByRole('menuitem', { name: 'Payouts' }).click();
    await page.getByRole('button', { name: /export/i }).click();
    await expect(page.getByText(/batch/i).first()).toBeVisible();
    await page.getByRole('menuitem', { name: 'Payout batches' }).click();
    await expect(page.getByRole('row').nth(1)).toContainText('Rp 1.000.000');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Upload bank result file' }).click();
    await expect(page.getByRole('heading', { name: /Bank result file/, level: 1 })).toBeVisible();
    await expectAccessible(page);
    const csv = [
      'payout_reference,outcome,amount_idr,bank_reference,failure_reason',
      `PASAR-WD-${payout.id},paid,1000000,BCA-TRX-77001,`,
      'PASAR-WD-99999,paid,500000,BCA-TRX-77002,',
    ].join('\n');
    await page.getByTestId('bank-file').setInputFiles({
      name: 'bca-result.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await expect(page.getByTestId('bank-results-summary')).toContainText('2 rows: 1 ready, 1 with a problem');
    await expect(page.getByTestId('bank-row-2')).toContainText('Ready');
    await expect(page.getByTestId('bank-row-2')).toContainText('Sari Wulandari');
    await expect(page.getByTestId('bank-row-3')).toContainText('Unknown reference');
    await page.screenshot({ path: `${SHOTS}/finance-bank-upload-preview-en.png`, fullPage: true });
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Apply 1 rows' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply the bank result file?' });
    await expect(dialog).toContainText('Mark 1 payouts paid (Rp 1.000.000)');
    await expect(dialog).toContainText('1 rows with a problem are left out');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('bank-results-applied')).toContainText('1 payouts updated');
    const after = await finance.get(`/api/admin/withdrawals/${payout.id}`);
    expect(after.body).toMatchObject({ status: 'paid', bankReference: 'BCA-TRX-77001' });
  });
});

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  test("SUP-7: support opens a user's account as the user sees it, read-only", async ({ page, make }) => {
    const seller = await make.seller('Sari Wulandari');
    const budi = await make.user('Budi Santoso');
    const service = await make.service(seller, { title: 'Company profile video', price: 750_000 });
    const order = await make.order(budi, service);
    await make.pay(budi, order);
    await openConsole(page);
    await page.goto(`/#/users/${budi.id}/show`);
    await expect(page.getByText('budi@example.test').first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'View as user' }).click();
    await expect(page.getByRole('heading', { name: 'What Budi Santoso sees', level: 1 })).toBeVisible();
    await expect(page.getByTestId('user-view-banner')).toContainText('Read-only');
    await expect(page.getByTestId('user-view-orders')).toContainText('Company profile video');
    await expect(page.getByTestId('user-view-notifications')).toContainText('GET /api/v1/notifications');
    // Nothing on the page acts as the user: no buttons in the view's sections.
    await expect(page.locator('[data-testid^="user-view-"] button')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/user-view-en.png`, fullPage: true });
    await expectAccessible(page);
  });
});
