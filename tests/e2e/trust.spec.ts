import { byEmail, consoleDateTime, expect, expectStatus, openConsole, test } from './fixtures';
import type { Builders } from './builders';

test.use({ staffMember: 'trust_safety' });

const VIDEO_SERVICE = {
  title: 'Product video editing',
  description: 'A 30-second product video with captions and music.',
  category: 'video_animation',
  price: 350_000,
  deliveryDays: 3,
};

test(`SEL-2: trust & safety approves the oldest seller application, and the user \
can then publish a service`, async ({ page, make }) => {
  const agus = await make.user('Agus Pratama');
  await make.application(agus, 'Four years editing product videos for Jakarta online shops.', [
    'video editing',
  ]);
  const yoga = await make.user('Yoga Saputra');
  await make.application(yoga, 'Two years of wedding photography in Bandung.', ['photography']);
  // Not a seller yet: the service is refused.
  expect((await agus.post('/api/v1/services', VIDEO_SERVICE)).status).toBe(403);

  await openConsole(page);
  await page.getByRole('menuitem', { name: 'Seller applications' }).click();
  // Oldest SLA first: Agus applied first.
  await expect(page.getByRole('row').nth(2)).toContainText(yoga.email);
  await page.getByRole('row').nth(1).click();
  await expect(page.getByText('Four years editing product videos for Jakarta online shops.')).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  // OPS-6: even an approval carries a reason the applicant reads.
  await page
    .getByRole('textbox', { name: /Reason \(the applicant reads it\)/ })
    .fill('Your video portfolio shows finished work for online shops.');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Approved', { exact: true })).toBeVisible();
  expectStatus(await agus.post('/api/v1/services', VIDEO_SERVICE), 201, 'publish after approval');
});

test(`WRN-4, WRN-8: a second same-type warning shows "suspension" in the preview \
before it is issued`, async ({ page, make }) => {
  const budi = await make.user('Budi Santoso');
  await openConsole(page);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('cell', { name: budi.email }).click();
  const warn = async (reason: string, expected: RegExp) => {
    await page.getByRole('button', { name: 'Issue warning' }).click();
    await page.getByRole('combobox', { name: /Warning type/ }).click();
    await page.getByRole('option', { name: 'Spam' }).click();
    await expect(page.getByTestId('warning-preview')).toContainText(expected);
    await page.getByRole('textbox', { name: /Reason/ }).fill(reason);
    await page.getByRole('button', { name: 'Confirm' }).click();
  };
  await warn('Sent the same promotional message to 30 sellers.', /reminder/);
  await expect(page.getByRole('cell', { name: 'reminder' })).toBeVisible();
  await warn('Again: bulk promotional messages after the first warning.', /SUSPENSION/);
  await expect(page.getByRole('cell', { name: 'suspension' })).toBeVisible();
  await expect(page.getByText('Suspended', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/console-trust-warning.png', fullPage: true });
});

test('WRN-4: the suspension shows in the active suspensions list with its end and reason', async ({
  page,
  make,
}) => {
  const budi = await make.user('Budi Santoso');
  await make.warning(budi, 'spam', 'Sent the same promotional message to 30 sellers.');
  await make.warning(budi, 'spam', 'Again: bulk promotional messages after the first warning.');
  await openConsole(page);
  await page.getByRole('menuitem', { name: 'Active suspensions' }).click();
  const row = page.getByRole('row', { name: byEmail(budi.email) });
  await expect(row).toContainText('Again: bulk promotional messages after the first warning.');
  // The end, in the marketplace zone (WIB) whatever the browser's zone (#16 item 6).
  const { suspendedUntil } = (await budi.get('/api/v1/me')).body as { suspendedUntil: string };
  expect(suspendedUntil).toBeTruthy();
  await expect(row).toContainText(consoleDateTime(suspendedUntil));
  await expect(row.getByRole('button', { name: 'Lift suspension' })).toBeVisible();
});

// A 1×1 PNG for the identity photos.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test(`ACC-7: trust & safety compares the ID photo and the selfie side by side and \
verifies the seller`, async ({ page, make }) => {
  const rina = await make.seller('Rina Hartono');
  await make.identityPhotos(rina, PNG);
  await openConsole(page);
  await page.getByRole('menuitem', { name: 'Identity checks' }).click();
  await page.getByRole('cell', { name: rina.email }).click();
  for (const id of ['id-photo', 'selfie']) {
    const img = page.getByTestId(id);
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
  }
  await page.screenshot({ path: 'test-results/console-trust-identity.png', fullPage: true });
  await page.getByRole('button', { name: 'Photos match: verify' }).click();
  await page.getByRole('textbox', { name: /Reason \(the user reads it\)/ }).fill('The photos match.');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Verified', { exact: true })).toBeVisible();
  const me = await rina.get('/api/v1/me/identity-verification');
  expect(me.body.verifiedAt).not.toBeNull();
});

/** Budi orders Sari's logo design and they exchange their first messages on the order. */
async function logoOrderWithMessages(make: Builders) {
  const sari = await make.seller('Sari Wulandari');
  const budi = await make.user('Budi Santoso');
  const order = await make.order(
    budi,
    await make.service(sari, { title: 'Logo design for your online shop', price: 750_000 }),
  );
  await make.pay(budi, order);
  await make.message(budi, order, 'Halo Sari, my shop sells batik bags. Earthy colours please.');
  await make.message(sari, order, 'Siap! Three concepts coming up.');
  return { sari, budi, order };
}

test(`WRN-10: a reported message is shown in its thread; trust & safety warns the \
sender from the report`, async ({ page, make }) => {
  const { sari, order } = await logoOrderWithMessages(make);
  // Sari reports a message of Budi's.
  await make.reportMessage(
    sari,
    order,
    'Halo Sari, my shop sells batik bags. Earthy colours please.',
    'He asked me to take the payment by bank transfer directly.',
  );
  await openConsole(page);
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  // The name is a link to the user's page: the row opens from its id cell.
  await page
    .getByRole('row', { name: /Budi Santoso/ })
    .getByRole('cell')
    .first()
    .click();
  await expect(page.getByTestId('reported-message')).toContainText('Halo Sari, my shop sells batik bags.');
  await expect(page.getByTestId('report-subject')).toContainText('Siap! Three concepts coming up.');
  await page.getByRole('button', { name: 'Warn' }).click();
  await page.getByRole('combobox', { name: /Warning type/ }).click();
  await page.getByRole('option', { name: 'Sharing personal contact information' }).click();
  await page
    .getByRole('textbox', { name: /Decision reason/ })
    .fill('Asked the seller to take payment outside Pasar.');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Acted on', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/console-trust-report.png', fullPage: true });
});

test(`SEL-4: the seller page shows the level metrics, and trust & safety sets top \
rated by hand with a reason`, async ({ page, make }) => {
  const rina = await make.seller('Rina Hartono');
  await make.completedOrder(
    await make.user('Budi Santoso'),
    rina,
    await make.service(rina, { title: 'Company profile website', price: 4_500_000 }),
  );
  await openConsole(page);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('cell', { name: rina.email }).click();
  await expect(page.getByTestId('seller-metrics')).toContainText('Completion rate');
  await page.getByRole('button', { name: 'Set level' }).click();
  await page.getByRole('combobox', { name: /Level/ }).click();
  await page.getByRole('option', { name: 'Top rated' }).click();
  await page
    .getByRole('textbox', { name: /Reason/ })
    .fill('Consistently excellent work; promoted by the quarterly review.');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Top rated', { exact: true }).first()).toBeVisible();
});
