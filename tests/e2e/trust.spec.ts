import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, logIn } from './fixtures';

test('SEL-2: trust & safety approves the oldest seller application, and the user can then publish a service', async ({ page, request }) => {
  await logIn(page, DEMO.trust_safety);
  await page.getByRole('menuitem', { name: 'Seller applications' }).click();
  await page.getByRole('row').nth(1).click();
  await expect(page.getByText('Four years editing product videos for Jakarta online shops.')).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('approved', { exact: true })).toBeVisible();
  const login = await (await request.post('/api/v1/auth/login', { data: { email: 'agus@pasar.test', password: DEMO_PASSWORD } })).json();
  const svc = await request.post('/api/v1/services', {
    headers: { Authorization: `Bearer ${login.token}` },
    data: { title: 'Product video editing', description: 'A 30-second product video with captions and music.', category: 'video_animation', price: 350_000, deliveryDays: 3 },
  });
  expect(svc.status()).toBe(201);
});

test('WRN-4, WRN-8: a second same-type warning shows "suspension" in the preview before it is issued', async ({ page }) => {
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
