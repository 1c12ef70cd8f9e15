import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, logIn } from './fixtures';

test('SEL-2: trust & safety approves the oldest seller application, and the user can then publish a service', async ({
  page,
  request,
}) => {
  await logIn(page, DEMO.trust_safety);
  await page.getByRole('menuitem', { name: 'Seller applications' }).click();
  await page.getByRole('row').nth(1).click();
  await expect(page.getByText('Four years editing product videos for Jakarta online shops.')).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('approved', { exact: true })).toBeVisible();
  const login = await (
    await request.post('/api/v1/auth/login', { data: { email: 'agus@pasar.test', password: DEMO_PASSWORD } })
  ).json();
  const svc = await request.post('/api/v1/services', {
    headers: { Authorization: `Bearer ${login.token}` },
    data: {
      title: 'Product video editing',
      description: 'A 30-second product video with captions and music.',
      category: 'video_animation',
      price: 350_000,
      deliveryDays: 3,
    },
  });
  expect(svc.status()).toBe(201);
});

test('WRN-4, WRN-8: a second same-type warning shows "suspension" in the preview before it is issued', async ({
  page,
}) => {
  await logIn(page, DEMO.trust_safety);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('cell', { name: 'budi@pasar.test' }).click();
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
  await expect(page.getByText('suspended', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/console-trust-warning.png', fullPage: true });
});

test('WRN-4: the suspension shows in the active suspensions list with its end and reason', async ({
  page,
}) => {
  await logIn(page, DEMO.trust_safety);
  await page.getByRole('menuitem', { name: 'Active suspensions' }).click();
  const row = page.getByRole('row', { name: /budi@pasar\.test/ });
  await expect(row).toContainText('Again: bulk promotional messages after the first warning.');
  await expect(row.getByRole('button', { name: 'Lift suspension' })).toBeVisible();
});

// A 1×1 PNG for the identity photos.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function userToken(request: import('@playwright/test').APIRequestContext, email: string) {
  const login = await (
    await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } })
  ).json();
  return { Authorization: `Bearer ${login.token}` };
}

test('ACC-7: trust & safety compares the ID photo and the selfie side by side and verifies the seller', async ({
  page,
  request,
}) => {
  const headers = await userToken(request, 'rina@pasar.test');
  const sent = await request.post('/api/v1/me/identity-verification', {
    headers,
    multipart: {
      idPhoto: { name: 'ktp.png', mimeType: 'image/png', buffer: PNG },
      selfie: { name: 'selfie.png', mimeType: 'image/png', buffer: PNG },
    },
  });
  expect(sent.status()).toBe(201);
  await logIn(page, DEMO.trust_safety);
  await page.getByRole('menuitem', { name: 'Identity checks' }).click();
  await page.getByRole('cell', { name: 'rina@pasar.test' }).click();
  for (const id of ['id-photo', 'selfie']) {
    const img = page.getByTestId(id);
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
  }
  await page.screenshot({ path: 'test-results/console-trust-identity.png', fullPage: true });
  await page.getByRole('button', { name: 'Photos match: verify' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Verified', { exact: true })).toBeVisible();
  const me = await (await request.get('/api/v1/me/identity-verification', { headers })).json();
  expect(me.verifiedAt).not.toBeNull();
});

test('WRN-10: a reported message is shown in its thread; trust & safety warns the sender from the report', async ({
  page,
  request,
}) => {
  // Sari reports a message of Budi's (Budi is suspended by now: he can read but not report).
  const headers = await userToken(request, 'sari@pasar.test');
  const orders = await (await request.get('/api/v1/orders', { headers })).json();
  const logo = orders.find((o: { title: string }) => o.title === 'Logo design for your online shop');
  const detail = await (await request.get(`/api/v1/orders/${logo.id}`, { headers })).json();
  const message = detail.timeline.find(
    (m: { type: string; body: string }) =>
      m.type === 'message' && m.body === 'Halo Sari, my shop sells batik bags. Earthy colours please.',
  );
  const report = await request.post('/api/v1/reports', {
    headers,
    data: {
      subjectType: 'message',
      subjectId: message.id,
      reason: 'contact_outside_platform',
      details: 'He asked me to take the payment by bank transfer directly.',
      answers: { happened_in_order: true, asked_to_pay_outside: true, lost_money: false },
    },
  });
  expect(report.status()).toBe(201);
  await logIn(page, DEMO.trust_safety);
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  await page.getByRole('cell', { name: 'Budi Santoso' }).click();
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

test('SEL-4: the seller page shows the level metrics, and trust & safety sets top rated by hand with a reason', async ({
  page,
}) => {
  await logIn(page, DEMO.trust_safety);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('cell', { name: 'rina@pasar.test' }).click();
  await expect(page.getByTestId('seller-metrics')).toContainText('Completion rate');
  await page.getByRole('button', { name: 'Set level' }).click();
  await page.getByRole('combobox', { name: /Level/ }).click();
  await page.getByRole('option', { name: 'Top rated' }).click();
  await page
    .getByRole('textbox', { name: /Reason/ })
    .fill('Consistently excellent work; promoted by the quarterly review.');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('top_rated', { exact: true })).toBeVisible();
});
